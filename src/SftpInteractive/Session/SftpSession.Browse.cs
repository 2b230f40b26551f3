using System.Runtime.CompilerServices;
using Renci.SshNet;
using Renci.SshNet.Sftp;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private Task<OwnerNames>? _owners;

    /// <summary>The current remote directory.</summary>
    public string Pwd() => _cwd;

    /// <summary>Changes the working directory (like <c>cd</c>); returns the new absolute path.</summary>
    /// <exception cref="SftpPathNotFoundException">The directory does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is not a directory.</exception>
    public async Task<string> CdAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var attributes = await GuardAsync("change directory to", target, (c, t) => c.GetAttributesAsync(target, t), cancellationToken).ConfigureAwait(false);
        if (!attributes.IsDirectory)
        {
            throw new SftpInteractiveException($"Not a directory: {target}. Cd() needs a directory; use Stat(\"{target}\") to see what it is.");
        }

        _cwd = target;
        return target;
    }

    /// <summary>Synchronous <see cref="CdAsync"/>.</summary>
    public string Cd(string path) => CdAsync(path).GetAwaiter().GetResult();

    /// <summary>Lists a directory (without <c>.</c> and <c>..</c>), sorted by name.</summary>
    /// <exception cref="SftpPathNotFoundException">The directory does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">The directory cannot be read.</exception>
    public async Task<RemoteListing> LsAsync(string path = ".", CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var entries = new List<RemoteEntry>();
        await foreach (var entry in ListAsync(target, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new RemoteListing(target, entries);
    }

    /// <summary>Synchronous <see cref="LsAsync"/>.</summary>
    public RemoteListing Ls(string path = ".") => LsAsync(path).GetAwaiter().GetResult();

    /// <summary>Streams a directory's entries as the server sends them (for very large directories).</summary>
    public async IAsyncEnumerable<RemoteEntry> ListAsync(string path = ".", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var owners = await OwnersAsync(token).ConfigureAwait(false);
        var enumerator = _client.ListDirectoryAsync(target, token).GetAsyncEnumerator(token);
        try
        {
            while (true)
            {
                ISftpFile file;
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

                yield return ToEntry(file.Name, RemotePath.Combine(target, file.Name), file.Attributes, owners);
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Attributes of a path, following symbolic links (like <c>stat</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    public Task<RemoteEntry> StatAsync(string path, CancellationToken cancellationToken = default) => StatEntryAsync(path, withOwners: true, cancellationToken);

    /// <summary>Stat for the session's own planning (transfers): <paramref name="withOwners"/> false skips waiting for the
    /// owner names, so the entry shows numeric owners and costs one round trip.</summary>
    private async Task<RemoteEntry> StatEntryAsync(string path, bool withOwners, CancellationToken cancellationToken)
    {
        var target = ResolvePath(path);
        var attributes = await GuardAsync("stat", target, (c, t) => c.GetAttributesAsync(target, t), cancellationToken).ConfigureAwait(false);
        var owners = withOwners ? await OwnersAsync(cancellationToken).ConfigureAwait(false) : OwnerNames.None;
        return ToEntry(RemotePath.Name(target), target, attributes, owners);
    }

    /// <summary>Synchronous <see cref="StatAsync"/>.</summary>
    public RemoteEntry Stat(string path) => StatAsync(path).GetAwaiter().GetResult();

    /// <summary>Attributes of a path without following a final symbolic link (like <c>lstat</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    public async Task<RemoteEntry> LStatAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var attributes = await GuardAsync("lstat", target, async (c, t) =>
            await SftpInternals.LStatAsync(c, target, t).ConfigureAwait(false) ?? await LStatByListingAsync(c, target, t).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return ToEntry(RemotePath.Name(target), target, attributes, await OwnersAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Synchronous <see cref="LStatAsync"/>.</summary>
    public RemoteEntry LStat(string path) => LStatAsync(path).GetAwaiter().GetResult();

    /// <summary>True when the path exists (a dangling symbolic link counts as existing).</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
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

    /// <summary>Synchronous <see cref="ExistsAsync"/>.</summary>
    public bool Exists(string path) => ExistsAsync(path).GetAwaiter().GetResult();

    /// <summary>The target of a symbolic link (like <c>readlink</c>).</summary>
    /// <exception cref="SftpPathNotFoundException">The path does not exist.</exception>
    /// <exception cref="SftpInteractiveException">The path is not a symbolic link.</exception>
    public Task<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        return GuardAsync("read the link", target, async (c, t) =>
        {
            var entry = await LStatAsync(target, t).ConfigureAwait(false);
            if (!entry.IsSymlink)
            {
                throw new SftpInteractiveException($"Not a symbolic link: {target} (it is a {entry.Type.ToString().ToLowerInvariant()}).");
            }

            return SftpInternals.ReadLink(c, target)
                   ?? (await RunAsync($"readlink -- {ShellQuote(target)}", t).ConfigureAwait(false)).EnsureSuccess().StdOut.TrimEnd('\n');
        }, cancellationToken);
    }

    /// <summary>Synchronous <see cref="ReadLinkAsync"/>.</summary>
    public string ReadLink(string path) => ReadLinkAsync(path).GetAwaiter().GetResult();

    /// <summary>Capacity of the file system holding <paramref name="path"/> (like <c>df</c>).</summary>
    /// <exception cref="SftpInteractiveException">The server does not support <c>statvfs@openssh.com</c>.</exception>
    public async Task<DiskUsage> DfAsync(string path = ".", CancellationToken cancellationToken = default)
    {
        var target = ResolvePath(path);
        var info = await GuardAsync("get disk usage of", target, (c, t) => c.GetStatusAsync(target, t), cancellationToken).ConfigureAwait(false);
        var block = (long)info.BlockSize;
        return new DiskUsage(target, (long)info.TotalBlocks * block, (long)info.FreeBlocks * block, (long)info.AvailableBlocks * block,
            (long)info.TotalNodes, (long)info.FreeNodes);
    }

    /// <summary>Synchronous <see cref="DfAsync"/>.</summary>
    public DiskUsage Df(string path = ".") => DfAsync(path).GetAwaiter().GetResult();

    private static async Task<SftpFileAttributes> LStatByListingAsync(SftpClient client, string target, CancellationToken cancellationToken)
    {
        var parent = RemotePath.Parent(target);
        var name = RemotePath.Name(target);
        await foreach (var file in client.ListDirectoryAsync(parent, cancellationToken).ConfigureAwait(false))
        {
            if (file.Name == name)
            {
                return file.Attributes;
            }
        }

        throw new Renci.SshNet.Common.SftpPathNotFoundException("No such file");
    }

    /// <summary>The owner names, loaded once per session: <see cref="LoadOwnerNames"/> starts the load right after
    /// connect, so a first listing seldom waits for it.</summary>
    private Task<OwnerNames> OwnersAsync(CancellationToken cancellationToken) => LoadOwnerNames().WaitAsync(cancellationToken);

    /// <summary>Starts loading the owner names (once; it never throws) and returns the load.</summary>
    private Task<OwnerNames> LoadOwnerNames()
    {
        if (_owners is { } loading)
        {
            return loading;
        }

        var load = OwnerNames.LoadAsync(_client, CancellationToken.None);
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
