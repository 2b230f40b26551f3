namespace SftpInteractive;

/// <summary>What a transfer does when the target already exists.</summary>
public enum OverwritePolicy
{
    /// <summary>Never replace an existing target: a single transfer fails, a recursive one skips it as a conflict.</summary>
    Never,

    /// <summary>Always replace the target (atomically, through a <c>.part</c> file).</summary>
    Always,

    /// <summary>Skip the target when its size and modification time (to the second) equal the source's; replace it otherwise.</summary>
    IfDifferent,

    /// <summary>Like <see cref="IfDifferent"/>, and continue an interrupted transfer from its <c>.part</c> file instead of starting over.</summary>
    Resume,
}
