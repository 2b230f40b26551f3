namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>The current remote directory.</summary>
    public string Pwd() => Session.Pwd();

    /// <summary>Changes the current remote directory (relative, absolute or <c>~</c>); returns the new one.</summary>
    public string Cd([RemotePath] string path) => Session.Cd(path);

    /// <summary>Lists a remote directory (name, type, size, mtime, permissions, owner).</summary>
    public RemoteListing Ls([RemotePath] string path = ".") => Session.Ls(path);

    /// <summary>Async <see cref="Ls"/>.</summary>
    public Task<RemoteListing> LsAsync([RemotePath] string path = ".", CancellationToken cancellationToken = default) => Session.LsAsync(path, cancellationToken);

    /// <summary>Details of a remote path, following symbolic links.</summary>
    public RemoteEntry Stat([RemotePath] string path) => Session.Stat(path);

    /// <summary>Details of a remote path; a symbolic link is described itself, not its target.</summary>
    public RemoteEntry LStat([RemotePath] string path) => Session.LStat(path);

    /// <summary>True when the remote path exists.</summary>
    public bool Exists([RemotePath] string path) => Session.Exists(path);

    /// <summary>The target of a remote symbolic link.</summary>
    public string ReadLink([RemotePath] string path) => Session.ReadLink(path);

    /// <summary>Disk usage of the file system holding <paramref name="path"/>.</summary>
    public DiskUsage Df([RemotePath] string path = ".") => Session.Df(path);
}
