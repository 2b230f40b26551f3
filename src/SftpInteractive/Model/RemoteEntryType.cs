namespace SftpInteractive;

/// <summary>The kind of a remote directory entry.</summary>
public enum RemoteEntryType
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (as listed; <see cref="SftpSession.Stat(string)"/> follows it).</summary>
    Symlink,

    /// <summary>A device, socket or pipe.</summary>
    Other,
}
