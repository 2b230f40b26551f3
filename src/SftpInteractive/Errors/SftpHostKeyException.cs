namespace SftpInteractive;

/// <summary>Thrown when the server's host key is unknown, changed or does not match the pinned fingerprint.</summary>
public sealed class SftpHostKeyException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpHostKeyException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpHostKeyException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpHostKeyException() { }

    /// <inheritdoc />
    public override string Kind => "HostKeyRejected";
}
