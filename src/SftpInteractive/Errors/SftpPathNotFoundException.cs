namespace SftpInteractive;

/// <summary>Thrown when a remote path does not exist.</summary>
public sealed class SftpPathNotFoundException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpPathNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpPathNotFoundException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpPathNotFoundException() { }

    /// <inheritdoc />
    public override string Kind => "PathNotFound";
}
