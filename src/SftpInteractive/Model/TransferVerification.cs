namespace SftpInteractive;

/// <summary>How a finished transfer is checked before it is renamed to its final name.</summary>
public enum TransferVerification
{
    /// <summary>No check.</summary>
    None,

    /// <summary>The target's size equals the source's.</summary>
    Size,

    /// <summary>Size, then SHA-256 of both sides (the remote one through <c>sha256sum</c>; when the server does not allow
    /// commands the result says so and only the size was checked).</summary>
    Sha256,
}
