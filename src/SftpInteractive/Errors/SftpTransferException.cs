namespace SftpInteractive;

/// <summary>Thrown when a transfer failed or was refused.</summary>
public sealed class SftpTransferException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpTransferException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpTransferException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpTransferException() { }

    /// <inheritdoc />
    public override string Kind => "TransferFailed";
}
