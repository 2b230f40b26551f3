namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>Creates a remote directory and its missing parents (<c>mkdir -p</c>); returns its absolute path.</summary>
    [Verb(VerbGroup.Manage, "create a directory and its parents (mkdir -p)")]
    public string Mkdir([RemotePath] string path) => MkdirAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Mkdir"/>.</summary>
    public Task<string> MkdirAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.MkdirAsync(path, cancellationToken);

    /// <summary>Removes a remote file or symbolic link.</summary>
    [Verb(VerbGroup.Manage, "remove a file or link")]
    public void Rm([RemotePath] string path) => RmAsync(path).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Rm"/>.</summary>
    public Task RmAsync([RemotePath] string path, CancellationToken cancellationToken = default) => Session.RmAsync(path, cancellationToken);

    /// <summary>Removes a remote directory tree (<c>rm -r</c>); <paramref name="dryRun"/> only lists what would go.</summary>
    [Verb(VerbGroup.Manage, "remove a tree (dryRun: only list)")]
    public RemovalResult RmRecursive([RemotePath] string path, bool dryRun = false) => RmRecursiveAsync(path, dryRun).GetAwaiter().GetResult();

    /// <summary>Async <see cref="RmRecursive"/>.</summary>
    public Task<RemovalResult> RmRecursiveAsync([RemotePath] string path, bool dryRun = false, CancellationToken cancellationToken = default) =>
        Session.RmRecursiveAsync(path, dryRun, cancellationToken);

    /// <summary>Moves or renames a remote path.</summary>
    [Verb(VerbGroup.Manage, "move or rename")]
    public void Mv([RemotePath] string source, [RemotePath] string destination, bool overwrite = false) =>
        MvAsync(source, destination, overwrite).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Mv"/>.</summary>
    public Task MvAsync([RemotePath] string source, [RemotePath] string destination, bool overwrite = false, CancellationToken cancellationToken = default) =>
        Session.MvAsync(source, destination, overwrite, cancellationToken);

    /// <summary>Changes permissions, octal (<c>"644"</c>) or symbolic.</summary>
    [Verb(VerbGroup.Manage, "change permissions (\"644\")")]
    public void Chmod([RemotePath] string path, string mode) => ChmodAsync(path, mode).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Chmod"/>.</summary>
    public Task ChmodAsync([RemotePath] string path, string mode, CancellationToken cancellationToken = default) => Session.ChmodAsync(path, mode, cancellationToken);

    /// <summary>Changes the owner and group ids of a remote path.</summary>
    [Verb(VerbGroup.Manage, "change owner and group")]
    public void Chown([RemotePath] string path, int userId, int groupId) => ChownAsync(path, userId, groupId).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Chown"/>.</summary>
    public Task ChownAsync([RemotePath] string path, int userId, int groupId, CancellationToken cancellationToken = default) =>
        Session.ChownAsync(path, userId, groupId, cancellationToken);

    /// <summary>Creates a symbolic link at <paramref name="linkPath"/> pointing to <paramref name="target"/>.</summary>
    [Verb(VerbGroup.Manage, "create a symbolic link")]
    public void Symlink([RemotePath] string target, [RemotePath] string linkPath) => SymlinkAsync(target, linkPath).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Symlink"/>.</summary>
    public Task SymlinkAsync([RemotePath] string target, [RemotePath] string linkPath, CancellationToken cancellationToken = default) =>
        Session.SymlinkAsync(target, linkPath, cancellationToken);
}
