namespace SftpInteractive;

/// <summary>Thrown when the server refused the credentials.</summary>
public sealed class SftpAuthenticationException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpAuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpAuthenticationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpAuthenticationException() { }

    /// <inheritdoc />
    public override string Kind => "AuthenticationFailed";
}
