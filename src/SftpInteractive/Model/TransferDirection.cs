namespace SftpInteractive;

/// <summary>Which way a file moves.</summary>
public enum TransferDirection
{
    /// <summary>Remote to local.</summary>
    Download,

    /// <summary>Local to remote.</summary>
    Upload,
}
