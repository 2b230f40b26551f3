namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>The current remote directory.</summary>
    public string Pwd() => Session.Pwd();

    /// <summary>Changes the current remote directory (relative, absolute or <c>~</c>); returns the new one.</summary>
    public string Cd(string path) => Session.Cd(path);

    /// <summary>Lists a remote directory (name, type, size, mtime, permissions, owner).</summary>
    public RemoteListing Ls(string path = ".") => Session.Ls(path);

    /// <summary>Async <see cref="Ls"/>.</summary>
    public Task<RemoteListing> LsAsync(string path = ".", CancellationToken cancellationToken = default) => Session.LsAsync(path, cancellationToken);

    /// <summary>Details of a remote path, following symbolic links.</summary>
    public RemoteEntry Stat(string path) => Session.Stat(path);

    /// <summary>Details of a remote path; a symbolic link is described itself, not its target.</summary>
    public RemoteEntry LStat(string path) => Session.LStat(path);

    /// <summary>True when the remote path exists.</summary>
    public bool Exists(string path) => Session.Exists(path);

    /// <summary>The target of a remote symbolic link.</summary>
    public string ReadLink(string path) => Session.ReadLink(path);

    /// <summary>Disk usage of the file system holding <paramref name="path"/>.</summary>
    public DiskUsage Df(string path = ".") => Session.Df(path);
}
