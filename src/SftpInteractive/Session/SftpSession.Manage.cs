using System.Globalization;


namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>Creates a directory and, like <c>mkdir -p</c>, any missing parents; an existing directory is fine.</summary>
    /// <returns>The absolute path.</returns>
    /// <exception cref="SftpInteractiveException">A component exists and is not a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">A missing folder cannot be created there (or a parent cannot be read).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task<string> MkdirAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var current = "/";
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = RemotePath.Combine(current, part);
            var dir = current;
            var exists = await GuardAsync("check", dir, async (c, t) =>
            {
                try
                {
                    var a = await c.GetAttributesAsync(dir, t).ConfigureAwait(false);
                    return a.IsDirectory ? true : throw new SftpInteractiveException($"Cannot create {target}: {dir} exists and is not a directory.");
                }
                catch (Renci.SshNet.Common.SftpPathNotFoundException)
                {
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                await GuardAsync("create directory", dir, (c, t) => c.CreateDirectoryAsync(dir, t), cancellationToken).ConfigureAwait(false);
            }
        }

        return target;
    }

    /// <summary>Synchronous <see cref="MkdirAsync"/>.</summary>
    /// <exception cref="SftpInteractiveException">A component exists and is not a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">A missing folder cannot be created there.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public string Mkdir(string path) => MkdirAsync(path).GetAwaiter().GetResult();

    /// <summary>Removes a file or symbolic link (like <c>rm</c>). Directories need <see cref="RmRecursiveAsync"/>
    /// (or <see cref="RmdirAsync"/> when empty).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">The parent folder is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task RmAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var entry = await LStatAsync(target, cancellationToken).ConfigureAwait(false);
        if (entry.IsDirectory)
        {
            throw new SftpInteractiveException($"{target} is a directory. Use RmRecursive(\"{target}\", dryRun: true) to see what would go, then without dryRun to remove it.");
        }

        await GuardAsync("remove", target, (c, t) => SftpInternals.RemoveAsync(c, target, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="RmAsync"/>.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">The parent folder is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public void Rm(string path) => RmAsync(path).GetAwaiter().GetResult();

    /// <summary>Removes an empty directory (like <c>rmdir</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The parent folder is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused, usually because the folder is not empty.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task RmdirAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        return GuardAsync("remove directory", target, (c, t) => SftpInternals.RmDirAsync(c, target, t), cancellationToken);
    }

    /// <summary>Removes a directory tree (like <c>rm -r</c>); symbolic links are removed, never followed. With
    /// <paramref name="dryRun"/> nothing is removed and the result lists what would be.</summary>
    /// <exception cref="SftpInteractiveException">The path is <c>/</c> or the home directory (refused for safety).</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A folder in the tree cannot be read or an entry cannot be removed (entries removed before it stay removed).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task<RemovalResult> RmRecursiveAsync(string path, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        if (target == "/" || target == Home)
        {
            throw new SftpInteractiveException($"Refusing to remove {target} recursively ({(target == "/" ? "the root" : "your home directory")}). Remove its contents one by one instead.");
        }

        var root = await LStatAsync(target, cancellationToken).ConfigureAwait(false);
        var plan = new List<RemoteEntry>();
        if (root.IsDirectory)
        {
            await CollectAsync(target, plan, cancellationToken).ConfigureAwait(false);
        }

        plan.Add(root);
        if (!dryRun)
        {
            foreach (var entry in plan)
            {
                await GuardAsync("remove", entry.Path, (c, t) => entry.IsDirectory ? SftpInternals.RmDirAsync(c, entry.Path, t) : SftpInternals.RemoveAsync(c, entry.Path, t),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return new RemovalResult(target, plan.Select(e => e.Path).ToList(), dryRun, plan.Where(e => e.IsFile).Sum(e => e.Size));
    }

    /// <summary>Synchronous <see cref="RmRecursiveAsync"/>.</summary>
    /// <exception cref="SftpInteractiveException">The path is <c>/</c> or the home directory (refused for safety).</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">An entry cannot be read or removed.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public RemovalResult RmRecursive(string path, bool dryRun = false) => RmRecursiveAsync(path, dryRun).GetAwaiter().GetResult();

    /// <summary>Renames or moves a path (like <c>mv</c>). With <paramref name="overwrite"/> an existing target is
    /// replaced atomically (the server's <c>posix-rename@openssh.com</c>).</summary>
    /// <exception cref="SftpInteractiveException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="SftpPathNotFoundException">The source does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A folder involved is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task MvAsync(string source, string destination, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var from = ResolvePath(source);
        var to = ResolvePath(destination);
        if (await ExistsAsync(to, cancellationToken).ConfigureAwait(false))
        {
            var toEntry = await StatAsync(to, cancellationToken).ConfigureAwait(false);
            if (toEntry.IsDirectory)
            {
                to = RemotePath.Combine(to, RemotePath.Name(from));
            }
            else if (!overwrite)
            {
                throw new SftpInteractiveException($"Cannot move {from} to {to}: it already exists. Pass overwrite: true to replace it.");
            }
        }

        await GuardAsync("move", from, (c, t) => SftpInternals.RenameAsync(c, from, to, posix: overwrite, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="MvAsync"/>.</summary>
    /// <exception cref="SftpInteractiveException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="SftpPathNotFoundException">The source does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A folder involved is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public void Mv(string source, string destination, bool overwrite = false) => MvAsync(source, destination, overwrite).GetAwaiter().GetResult();

    /// <summary>Changes permissions (like <c>chmod</c>); <paramref name="mode"/> is octal such as <c>"640"</c> or <c>"0755"</c>.</summary>
    /// <exception cref="ArgumentException">The mode is not octal.</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The path belongs to another user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task ChmodAsync(string path, string mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mode);
        // SSH.NET takes the three octal digits written as a decimal number (755); setuid/setgid/sticky are not settable here.
        if (mode.Length is < 3 or > 4 || !mode.All(c => c is >= '0' and <= '7') || (mode.Length == 4 && mode[0] != '0'))
        {
            throw new ArgumentException($"Mode must be three octal digits such as \"644\" or \"0755\", not \"{mode}\".", nameof(mode));
        }

        var target = ResolvePath(path);
        var bits = short.Parse(mode, NumberStyles.None, CultureInfo.InvariantCulture);
        return GuardAsync("change permissions of", target, (c, t) =>
        {
            c.ChangePermissions(target, bits);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="ChmodAsync"/>.</summary>
    /// <exception cref="ArgumentException">The mode is not octal.</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The path belongs to another user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public void Chmod(string path, string mode) => ChmodAsync(path, mode).GetAwaiter().GetResult();

    /// <summary>Changes the numeric owner and group (like <c>chown uid:gid</c>); usually needs root on the server.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The server does not allow the change (giving files away usually needs root).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task ChownAsync(string path, int userId, int groupId, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        return GuardAsync("change owner of", target, async (c, t) =>
        {
            var attributes = await c.GetAttributesAsync(target, t).ConfigureAwait(false);
            attributes.UserId = userId;
            attributes.GroupId = groupId;
            c.SetAttributes(target, attributes);
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="ChownAsync"/>.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The server does not allow the change.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public void Chown(string path, int userId, int groupId) => ChownAsync(path, userId, groupId).GetAwaiter().GetResult();

    /// <summary>Creates a symbolic link at <paramref name="linkPath"/> pointing to <paramref name="target"/> (like <c>ln -s</c>).</summary>
    /// <exception cref="SftpPermissionDeniedException">The folder of the link is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused, for example because the link path already exists.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task SymlinkAsync(string target, string linkPath, CancellationToken cancellationToken = default)
    {
        var link = ResolvePath(linkPath);
        return GuardAsync("create the link", link, (c, _) => SftpInternals.SymLinkAsync(c, target, link), cancellationToken);
    }

    /// <summary>Synchronous <see cref="SymlinkAsync"/>.</summary>
    /// <exception cref="SftpPermissionDeniedException">The folder of the link is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused, for example because the link path already exists.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    public void Symlink(string target, string linkPath) => SymlinkAsync(target, linkPath).GetAwaiter().GetResult();

    /// <summary>Sets a file's modification time (like <c>touch -d</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The file belongs to another user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        return GuardAsync("set the time of", target, (c, t) =>
        {
            c.SetLastWriteTimeUtc(target, modifiedUtc);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private async Task CollectAsync(string directory, List<RemoteEntry> plan, CancellationToken cancellationToken)
    {
        await foreach (var entry in ListAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsDirectory)
            {
                await CollectAsync(entry.Path, plan, cancellationToken).ConfigureAwait(false);
            }

            plan.Add(entry);
        }
    }

}
