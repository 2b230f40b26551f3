namespace SftpInteractive;

/// <summary>The sections of the verb list, in the order a newcomer meets them.</summary>
public enum VerbGroup
{
    /// <summary>Connecting and the session itself.</summary>
    Connect,

    /// <summary>Looking around.</summary>
    Browse,

    /// <summary>Changing remote files and directories.</summary>
    Manage,

    /// <summary>Downloads and uploads.</summary>
    Transfer,

    /// <summary>Searching.</summary>
    Find,

    /// <summary>Looking inside remote files without downloading them.</summary>
    Preview,

    /// <summary>Remote commands.</summary>
    Exec,

    /// <summary>Showing values (host helpers).</summary>
    Display,
}
