namespace SftpInteractive;

/// <summary>
/// The one exception family of SftpInteractive. Every message says what went wrong and what to do next;
/// secrets (passwords, passphrases, TOTP secrets) are redacted before a message is built.
/// </summary>
public class SftpInteractiveException : Exception
{
    /// <summary>Creates an exception with a message that says what to do next.</summary>
    public SftpInteractiveException(string message) : base(message) { }

    /// <summary>Creates an exception wrapping the underlying cause.</summary>
    public SftpInteractiveException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message; prefer the constructors that say what to do next.</summary>
    public SftpInteractiveException() { }

    /// <summary>A short label of the error kind, used by hosts as the error name.</summary>
    public virtual string Kind => "SftpError";

    /// <summary>One line: the kind and the message, with no stack trace (hosts show the trace only on request).</summary>
    public override string ToString() => $"{Kind}: {Message}";
}
