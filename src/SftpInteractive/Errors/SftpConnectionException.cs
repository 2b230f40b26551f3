namespace SftpInteractive;

/// <summary>Thrown when the server could not be reached or the connection was lost.</summary>
public sealed class SftpConnectionException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpConnectionException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpConnectionException() { }

    /// <inheritdoc />
    public override string Kind => "ConnectionFailed";
}
