namespace SftpInteractive.Scripting;

/// <summary>A notebook or script file that cannot be read or written: missing, an unknown extension, malformed JSON or
/// not a notebook. The message is one line that names the file and says what is wrong.</summary>
public sealed class NotebookFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFileException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public NotebookFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the error behind it.</summary>
    public NotebookFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
