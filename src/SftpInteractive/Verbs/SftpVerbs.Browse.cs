namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>The current remote directory.</summary>
    [Verb(VerbGroup.Browse, "current remote directory", Instant = true)]
    public string Pwd() => Session.Pwd();

    /// <summary>Changes the current remote directory (relative, absolute or <c>~</c>); returns the new one.</summary>
    [Verb(VerbGroup.Browse, "change the remote directory")]
    public string Cd([RemotePath] string path) => CdAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Cd"/>.</summary>
    public Task<string> CdAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.CdAsync(path, cancellationToken);

    /// <summary>Lists a remote directory (name, type, size, mtime, permissions, owner).</summary>
    [Verb(VerbGroup.Browse, "list a directory as a table")]
    public RemoteListing Ls([RemotePath] string path = ".") => LsAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Ls"/>.</summary>
    public Task<RemoteListing> LsAsync([RemotePath] string path = ".", CancellationToken cancellationToken = default) => Session.LsAsync(path, cancellationToken);

    /// <summary>Details of a remote path, following symbolic links.</summary>
    [Verb(VerbGroup.Browse, "details of a path, following links")]
    public RemoteEntry Stat([RemotePath] string path) => StatAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Stat"/>.</summary>
    public Task<RemoteEntry> StatAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.StatAsync(path, cancellationToken);

    /// <summary>Details of a remote path; a symbolic link is described itself, not its target.</summary>
    [Verb(VerbGroup.Browse, "details of a path; a link itself, not its target")]
    public RemoteEntry LStat([RemotePath] string path) => LStatAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="LStat"/>.</summary>
    public Task<RemoteEntry> LStatAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.LStatAsync(path, cancellationToken);

    /// <summary>True when the remote path exists.</summary>
    [Verb(VerbGroup.Browse, "true when the remote path exists")]
    public bool Exists([RemotePath] string path) => ExistsAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Exists"/>.</summary>
    public Task<bool> ExistsAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.ExistsAsync(path, cancellationToken);

    /// <summary>The target of a remote symbolic link.</summary>
    [Verb(VerbGroup.Browse, "target of a symbolic link")]
    public string ReadLink([RemotePath] string path) => ReadLinkAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="ReadLink"/>.</summary>
    public Task<string> ReadLinkAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.ReadLinkAsync(path, cancellationToken);

    /// <summary>Disk usage of the file system holding <paramref name="path"/>.</summary>
    [Verb(VerbGroup.Browse, "disk usage of the file system")]
    public DiskUsage Df([RemotePath] string path = ".") => DfAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Df"/>.</summary>
    public Task<DiskUsage> DfAsync([RemotePath] string path = ".", CancellationToken cancellationToken = default) => Session.DfAsync(path, cancellationToken);
}
