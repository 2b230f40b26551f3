namespace SftpInteractive;

/// <summary>Thrown when the server denied access to a path.</summary>
public sealed class SftpPermissionDeniedException : SftpInteractiveException
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    public SftpPermissionDeniedException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public SftpPermissionDeniedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public SftpPermissionDeniedException() { }

    /// <inheritdoc />
    public override string Kind => "PermissionDenied";
}
