using System.Runtime.CompilerServices;
using Renci.SshNet.Sftp;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private Task<OwnerNames>? _owners;

    /// <summary>The current remote directory.</summary>
    [Verb(VerbGroup.Browse, "current remote directory", Instant = true)]
    public string Pwd() => _cwd;

    /// <summary>Changes the working directory (like <c>cd</c>); returns the new absolute path.</summary>
    /// <exception cref="SftpPathNotFoundException">The directory does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is not a directory.</exception>
    [Verb(VerbGroup.Browse, "change the remote directory")]
    public async Task<string> CdAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var attributes = await GuardAsync("change directory to", target, (c, t) => SftpClientRequests.StatAsync(c, target, t), cancellationToken).ConfigureAwait(false);
        if (!attributes.IsDirectory)
        {
            throw new SftpInteractiveException($"Not a directory: {target}. Cd() needs a directory; use Stat(\"{target}\") to see what it is.");
        }

        _cwd = target;
        return target;
    }

    /// <summary>Lists a remote directory (name, type, size, mtime, permissions, owner), sorted by name, without <c>.</c> and <c>..</c>.</summary>
    /// <exception cref="SftpPathNotFoundException">The directory does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The directory cannot be read.</exception>
    [Verb(VerbGroup.Browse, "list a directory as a table")]
    public async Task<RemoteListing> LsAsync([RemotePath] string path = ".", CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var owners = await OwnersAsync(token).ConfigureAwait(false);
        var names = new List<SftpName>();
        await foreach (var file in ListNamesAsync(target, token).ConfigureAwait(false))
        {
            names.Add(file);
        }

        // The owners a listing shows are asked of the server in one request (when it offers users-groups-by-id).
        await owners.ResolveAsync(names.Select(n => (int)n.Attributes.UserId), names.Select(n => (int)n.Attributes.GroupId), token).ConfigureAwait(false);
        var entries = names.ConvertAll(file => ToEntry(file.Name, RemotePath.Combine(target, file.Name), file.Attributes, owners));
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new RemoteListing(target, entries);
    }

    /// <summary>Streams a directory's entries as the server sends them (for very large directories).</summary>
    public async IAsyncEnumerable<RemoteEntry> ListAsync(string path = ".", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var owners = await OwnersAsync(token).ConfigureAwait(false);
        await foreach (var file in ListNamesAsync(target, token).ConfigureAwait(false))
        {
            await owners.ResolveAsync((int)file.Attributes.UserId, (int)file.Attributes.GroupId, token).ConfigureAwait(false);
            yield return ToEntry(file.Name, RemotePath.Combine(target, file.Name), file.Attributes, owners);
        }
    }

    /// <summary>A directory's names as the server sends them, without <c>.</c> and <c>..</c>; errors mapped.</summary>
    private async IAsyncEnumerable<SftpName> ListNamesAsync(string target, [EnumeratorCancellation] CancellationToken token)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IAsyncEnumerator<SftpName> enumerator;
        try
        {
            enumerator = (await SftpEngines.ForAsync(_client, token).ConfigureAwait(false)).ReadDirectoryAsync(target, token).GetAsyncEnumerator(token);
        }
        catch (Exception e) when (e is not SftpInteractiveException && e is not OperationCanceledException)
        {
            throw SftpErrors.Map(e, "list", target, this);
        }

        try
        {
            while (true)
            {
                SftpName file;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    file = enumerator.Current;
                }
                catch (Exception e) when (e is not SftpInteractiveException && e is not OperationCanceledException)
                {
                    throw SftpErrors.Map(e, "list", target, this);
                }

                if (file.Name is "." or "..")
                {
                    continue;
                }

                yield return file;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Attributes of a path, following symbolic links (like <c>stat</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    [Verb(VerbGroup.Browse, "details of a path, following links")]
    public Task<RemoteEntry> StatAsync([RemotePath] string path, CancellationToken cancellationToken = default) => StatEntryAsync(path, withOwners: true, cancellationToken);

    /// <summary>Stat for the session's own planning (transfers): <paramref name="withOwners"/> false skips waiting for the
    /// owner names, so the entry shows numeric owners and costs one round trip.</summary>
    private async Task<RemoteEntry> StatEntryAsync(string path, bool withOwners, CancellationToken cancellationToken)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var attributes = await GuardAsync("stat", target, (c, t) => SftpClientRequests.StatAsync(c, target, t), cancellationToken).ConfigureAwait(false);
        var owners = withOwners ? await OwnersAsync(cancellationToken).ConfigureAwait(false) : OwnerNames.None;
        await owners.ResolveAsync((int)attributes.UserId, (int)attributes.GroupId, cancellationToken).ConfigureAwait(false);
        return ToEntry(RemotePath.Name(target), target, attributes, owners);
    }

    /// <summary>Attributes of a path without following a final symbolic link (like <c>lstat</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    [Verb(VerbGroup.Browse, "details of a path; a link itself, not its target")]
    public async Task<RemoteEntry> LStatAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var attributes = await GuardAsync("lstat", target, (c, t) => SftpClientRequests.LStatAsync(c, target, t), cancellationToken).ConfigureAwait(false);
        var owners = await OwnersAsync(cancellationToken).ConfigureAwait(false);
        await owners.ResolveAsync((int)attributes.UserId, (int)attributes.GroupId, cancellationToken).ConfigureAwait(false);
        return ToEntry(RemotePath.Name(target), target, attributes, owners);
    }

    /// <summary>True when the path exists (a dangling symbolic link counts as existing).</summary>
    [Verb(VerbGroup.Browse, "true when the remote path exists")]
    public async Task<bool> ExistsAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await LStatAsync(path, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SftpPathNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The target of a symbolic link (like <c>readlink</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is not a symbolic link.</exception>
    [Verb(VerbGroup.Browse, "target of a symbolic link")]
    public async Task<string> ReadLinkAsync([RemotePath] string path, CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        return await GuardAsync("read the link", target, async (c, t) =>
        {
            var entry = await LStatAsync(target, t).ConfigureAwait(false);
            if (!entry.IsSymlink)
            {
                throw new SftpInteractiveException($"Not a symbolic link: {target} (it is a {entry.Type.ToString().ToLowerInvariant()}).");
            }

            return await SftpClientRequests.ReadLinkAsync(c, target, t).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Capacity of the file system holding <paramref name="path"/> (like <c>df</c>).</summary>
    /// <exception cref="SftpInteractiveException">The server does not support <c>statvfs@openssh.com</c>.</exception>
    [Verb(VerbGroup.Browse, "disk usage of the file system")]
    public async Task<DiskUsage> DfAsync([RemotePath] string path = ".", CancellationToken cancellationToken = default)
    {
        var target = await ResolvePathAsync(path, cancellationToken).ConfigureAwait(false);
        var info = await GuardAsync("get disk usage of", target, (c, t) => SftpClientRequests.StatVfsAsync(c, target, t), cancellationToken).ConfigureAwait(false);
        // statvfs counts blocks in f_frsize units (OpenSSH's df does the same).
        var block = (long)(info.FragmentSize != 0 ? info.FragmentSize : info.BlockSize);
        return new DiskUsage(target, (long)info.Blocks * block, (long)info.FreeBlocks * block, (long)info.AvailableBlocks * block,
            (long)info.Files, (long)info.FreeFiles);
    }

    /// <summary>The owner names, loaded once per session: <see cref="LoadOwnerNames"/> starts the load right after
    /// connect, so a first listing seldom waits for it.</summary>
    private Task<OwnerNames> OwnersAsync(CancellationToken cancellationToken) => LoadOwnerNames().WaitAsync(cancellationToken);

    /// <summary>The session's owner names (tests check where they come from).</summary>
    internal Task<OwnerNames> OwnerNamesAsync(CancellationToken cancellationToken) => OwnersAsync(cancellationToken);

    /// <summary>Starts loading the owner names (once; it never throws) and returns the load.</summary>
    private Task<OwnerNames> LoadOwnerNames()
    {
        if (_owners is { } loading)
        {
            return loading;
        }

        var load = OwnerNames.LoadAsync(() => _client, CancellationToken.None);
        return Interlocked.CompareExchange(ref _owners, load, null) ?? load;
    }

    internal static RemoteEntry ToEntry(string name, string path, SftpFileAttributes a, OwnerNames owners)
    {
        var type = a.IsSymbolicLink ? RemoteEntryType.Symlink : a.IsDirectory ? RemoteEntryType.Directory
            : a.IsRegularFile ? RemoteEntryType.File : RemoteEntryType.Other;
        return new RemoteEntry(name, path, type, a.Size, a.LastWriteTimeUtc, ModeOf(a), a.UserId, a.GroupId)
        {
            Owner = owners.User(a.UserId),
            Group = owners.Group(a.GroupId),
        };
    }

    internal static RemoteEntry ToEntry(string name, string path, SftpAttributes a, OwnerNames owners)
    {
        var type = a.IsSymbolicLink ? RemoteEntryType.Symlink : a.IsDirectory ? RemoteEntryType.Directory
            : a.IsRegularFile ? RemoteEntryType.File : RemoteEntryType.Other;
        return new RemoteEntry(name, path, type, (long)a.Size, a.ModifiedUtc, (int)(a.Permissions & 0xFFF), (int)a.UserId, (int)a.GroupId)
        {
            Owner = owners.User((int)a.UserId),
            Group = owners.Group((int)a.GroupId),
        };
    }

    private static int ModeOf(SftpFileAttributes a)
    {
        var bits = new[]
        {
            a.OwnerCanRead, a.OwnerCanWrite, a.OwnerCanExecute, a.GroupCanRead, a.GroupCanWrite, a.GroupCanExecute,
            a.OthersCanRead, a.OthersCanWrite, a.OthersCanExecute,
        };
        var mode = 0;
        foreach (var bit in bits)
        {
            mode = (mode << 1) | (bit ? 1 : 0);
        }

        return mode | (a.IsUIDBitSet ? 0x800 : 0) | (a.IsGroupIDBitSet ? 0x400 : 0) | (a.IsStickyBitSet ? 0x200 : 0);
    }

    /// <summary>Quotes a string for a POSIX shell.</summary>
    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
