namespace SftpInteractive;

/// <summary>Thrown when a remote command could not be run.</summary>
public sealed class SftpCommandException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpCommandException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpCommandException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpCommandException() { }

    /// <inheritdoc />
    public override string Kind => "CommandFailed";
}
