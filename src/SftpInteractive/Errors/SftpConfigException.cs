namespace SftpInteractive;

/// <summary>Thrown when a setting is missing or malformed (names the key and where it looked).</summary>
public sealed class SftpConfigException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpConfigException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpConfigException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpConfigException() { }

    /// <inheritdoc />
    public override string Kind => "ConfigError";
}
