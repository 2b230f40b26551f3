namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Creates a remote directory and its missing parents (<c>mkdir -p</c>); returns its absolute path.</summary>
    public string Mkdir([RemotePath] string path) => Session.Mkdir(path);

    /// <summary>Removes a remote file or symbolic link.</summary>
    public void Rm([RemotePath] string path) => Session.Rm(path);

    /// <summary>Removes a remote directory tree (<c>rm -r</c>); <paramref name="dryRun"/> only lists what would go.</summary>
    public RemovalResult RmRecursive([RemotePath] string path, bool dryRun = false) => Session.RmRecursive(path, dryRun);

    /// <summary>Moves or renames a remote path.</summary>
    public void Mv([RemotePath] string source, [RemotePath] string destination, bool overwrite = false) => Session.Mv(source, destination, overwrite);

    /// <summary>Changes permissions, octal (<c>"644"</c>) or symbolic.</summary>
    public void Chmod([RemotePath] string path, string mode) => Session.Chmod(path, mode);

    /// <summary>Changes the owner and group ids of a remote path.</summary>
    public void Chown([RemotePath] string path, int userId, int groupId) => Session.Chown(path, userId, groupId);

    /// <summary>Creates a symbolic link at <paramref name="linkPath"/> pointing to <paramref name="target"/>.</summary>
    public void Symlink([RemotePath] string target, [RemotePath] string linkPath) => Session.Symlink(target, linkPath);
}
