namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>Creates a directory and, like <c>mkdir -p</c>, any missing parents; an existing directory is fine.</summary>
    /// <returns>The absolute path.</returns>
    /// <exception cref="SftpInteractiveException">A component exists and is not a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">A missing folder cannot be created there (or a parent cannot be read).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "create a directory and its parents (mkdir -p)")]
    public async Task<string> MkdirAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var current = "/";
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = RemotePath.Combine(current, part);
            var dir = current;
            var exists = await GuardAsync("check", dir, async (c, t) =>
            {
                try
                {
                    var a = await SftpClientRequests.StatAsync(c, dir, t).ConfigureAwait(false);
                    return a.IsDirectory ? true : throw new SftpInteractiveException($"Cannot create {target}: {dir} exists and is not a directory.");
                }
                catch (Renci.SshNet.Common.SftpPathNotFoundException)
                {
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                await GuardAsync("create directory", dir, (c, t) => SftpClientRequests.MkDirAsync(c, dir, t), cancellationToken).ConfigureAwait(false);
            }
        }

        return target;
    }

    /// <summary>Removes a file or symbolic link (like <c>rm</c>). Directories need <see cref="RmRecursiveAsync"/>
    /// (or <see cref="RmdirAsync"/> when empty).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is a directory.</exception>
    /// <exception cref="SftpPermissionDeniedException">The parent folder is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "remove a file or link")]
    public async Task RmAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var entry = await LStatAsync(target, cancellationToken).ConfigureAwait(false);
        if (entry.IsDirectory)
        {
            throw new SftpInteractiveException($"{target} is a directory. Use RmRecursive(\"{target}\", dryRun: true) to see what would go, then without dryRun to remove it.");
        }

        await GuardAsync("remove", target, (c, t) => SftpClientRequests.RemoveAsync(c, target, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an empty directory (like <c>rmdir</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The parent folder is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused, usually because the folder is not empty.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task RmdirAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        await GuardAsync("remove directory", target, (c, t) => SftpClientRequests.RmDirAsync(c, target, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a directory tree (like <c>rm -r</c>); symbolic links are removed, never followed. With
    /// <paramref name="dryRun"/> nothing is removed and the result lists what would be.</summary>
    /// <exception cref="SftpInteractiveException">The path is <c>/</c> or the home directory (refused for safety).</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A folder in the tree cannot be read or an entry cannot be removed (entries removed before it stay removed).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "remove a tree (dryRun: only list)")]
    public async Task<RemovalResult> RmRecursiveAsync([RemotePath] string path, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
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
                await GuardAsync("remove", entry.Path, (c, t) => entry.IsDirectory ? SftpClientRequests.RmDirAsync(c, entry.Path, t) : SftpClientRequests.RemoveAsync(c, entry.Path, t),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return new RemovalResult(target, plan.Select(e => e.Path).ToList(), dryRun, plan.Where(e => e.IsFile).Sum(e => e.Size));
    }

    /// <summary>Renames or moves a path (like <c>mv</c>). With <paramref name="overwrite"/> an existing target is
    /// replaced atomically (the server's <c>posix-rename@openssh.com</c>).</summary>
    /// <exception cref="SftpInteractiveException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="SftpPathNotFoundException">The source does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A folder involved is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "move or rename")]
    public async Task MvAsync([RemotePath] string source, [RemotePath] string destination, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var from = await ResolvePathAsync(source, cancellationToken).ConfigureAwait(false);
        var to = await ResolvePathAsync(destination, cancellationToken).ConfigureAwait(false);
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

        await GuardAsync("move", from, (c, t) => SftpClientRequests.RenameAsync(c, from, to, posix: overwrite, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes permissions (like <c>chmod</c>); <paramref name="mode"/> is octal such as <c>"640"</c> or <c>"0755"</c>.</summary>
    /// <exception cref="ArgumentException">The mode is not octal.</exception>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The path belongs to another user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "change permissions (\"644\")")]
    public async Task ChmodAsync([RemotePath] string path, string mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mode);
        // SSH.NET takes the three octal digits written as a decimal number (755); setuid/setgid/sticky are not settable here.
        if (mode.Length is < 3 or > 4 || !mode.All(c => c is >= '0' and <= '7') || (mode.Length == 4 && mode[0] != '0'))
        {
            throw new ArgumentException($"Mode must be three octal digits such as \"644\" or \"0755\", not \"{mode}\".", nameof(mode));
        }

        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var bits = Convert.ToUInt32(mode, 8);
        await GuardAsync("change permissions of", target, (c, t) => SftpClientRequests.SetStatAsync(c, target,
            new SftpAttributes { Flags = SftpAttributes.PermissionsFlag, Permissions = bits }, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the numeric owner and group (like <c>chown uid:gid</c>); usually needs root on the server.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The server does not allow the change (giving files away usually needs root).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "change owner and group")]
    public async Task ChownAsync([RemotePath] string path, int userId, int groupId, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        await GuardAsync("change owner of", target, (c, t) => SftpClientRequests.SetStatAsync(c, target,
            new SftpAttributes { Flags = SftpAttributes.UidGidFlag, UserId = (uint)userId, GroupId = (uint)groupId }, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a symbolic link at <paramref name="linkPath"/> pointing to <paramref name="target"/> (like <c>ln -s</c>).</summary>
    /// <exception cref="SftpPermissionDeniedException">The folder of the link is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused, for example because the link path already exists.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "create a symbolic link")]
    public async Task SymlinkAsync([RemotePath] string target, [RemotePath] string linkPath, CancellationToken cancellationToken = default)
    {
        var link = await ResolvePathAsync(linkPath, cancellationToken).ConfigureAwait(false);
        await GuardAsync("create the link", link, (c, t) => SftpClientRequests.SymLinkAsync(c, target, link, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a hard link: <paramref name="linkPath"/> becomes another name of the existing file
    /// <paramref name="target"/> (like <c>ln</c>), using OpenSSH's <c>hardlink@openssh.com</c>.</summary>
    /// <exception cref="SftpPathNotFoundException">The target does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The folder of the link is not writable.</exception>
    /// <exception cref="SftpInteractiveException">The server refused (the link path exists, the target is a folder or on
    /// another file system), or it does not offer <c>hardlink@openssh.com</c>.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "create a hard link (another name of a file)")]
    public async Task HardLinkAsync([RemotePath] string target, [RemotePath] string linkPath, CancellationToken cancellationToken = default)
    {
        var existing = await ResolvePathAsync(target, cancellationToken).ConfigureAwait(false);
        var link = await ResolvePathAsync(linkPath, cancellationToken).ConfigureAwait(false);
        await GuardAsync("create the hard link", link, (c, t) => SftpClientRequests.HardLinkAsync(c, existing, link, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a file's modification time (like <c>touch -d</c>); a symbolic link's target's time.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The file belongs to another user.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken cancellationToken = default) =>
        SetModifiedAsync(path, modifiedUtc, followLinks: true, cancellationToken);

    /// <summary>Sets a file's modification time, keeping its access time; with <paramref name="followLinks"/> false a
    /// symbolic link's own time (like <c>touch -h -d</c>), through OpenSSH's <c>lsetstat@openssh.com</c>.</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The file belongs to another user.</exception>
    /// <exception cref="SftpInteractiveException"><paramref name="followLinks"/> is false and the server does not offer
    /// <c>lsetstat@openssh.com</c> (SFTP version 3 has no other way to leave a link's target alone).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task SetModifiedAsync(string path, DateTime modifiedUtc, bool followLinks, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        await GuardAsync("set the time of", target, (c, t) => followLinks
            ? SftpClientRequests.SetModifiedAsync(c, target, modifiedUtc, t)
            : SftpClientRequests.SetLinkModifiedAsync(c, target, modifiedUtc, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates an empty file, or sets an existing file's modification time to now (like <c>touch</c>); an
    /// existing file's content is kept.</summary>
    /// <returns>The file's entry after the change.</returns>
    /// <exception cref="SftpPathNotFoundException">The parent folder does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The file or its folder is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost or the server did not answer in time (call <see cref="Reconnect"/>).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Manage, "create an empty file or set its modification time to now (touch)")]
    public async Task<RemoteEntry> TouchAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var now = Settings.TimeProvider.GetUtcNow().UtcDateTime;
        await GuardAsync("touch", target, (c, t) => SftpClientRequests.TouchAsync(c, target, now, t), cancellationToken).ConfigureAwait(false);
        return await StatAsync(target, cancellationToken).ConfigureAwait(false);
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
