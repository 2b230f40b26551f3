namespace SftpInteractive;

/// <summary>What a plan will do (or a transfer did) with one file.</summary>
public enum TransferAction
{
    /// <summary>Copy the whole file.</summary>
    Transfer,

    /// <summary>Continue from an existing <c>.part</c> file.</summary>
    Resume,

    /// <summary>Replace an existing, different target.</summary>
    Overwrite,

    /// <summary>Leave it: the target is already identical.</summary>
    SkipIdentical,

    /// <summary>Leave it: the target exists and the policy is <see cref="OverwritePolicy.Never"/>.</summary>
    Conflict,
}
