using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private SftpPool? _pool;
    private SftpPool? _channels;

    /// <summary>The extra connections for parallel walks and transfers (opened on first use, closed with the session).</summary>
    internal SftpPool Pool
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pool is null)
            {
                var created = new SftpPool(_connector.ConnectSftpAsync);
                if (Interlocked.CompareExchange(ref _pool, created, null) is null)
                {
                    _connector.ChannelsWanted = created.Clear; // OpenSSH transport: a command refused a channel (MaxSessions)
                }
            }

            return _pool;
        }
    }

    /// <summary>The pool if anything created it (a job, or the warm-up after connect); null otherwise.</summary>
    internal SftpPool? PoolIfCreated => _pool;

    /// <summary>
    /// Where a walk's other workers list folders: more <c>sftp</c> channels of the session's own SSH connection, each
    /// opened in two round trips with no key exchange or login to run beside the walk (on two cores, three SSH.NET
    /// logins slowed a cold loopback search of 1,249 folders from 0.4 to 0.8 s). Listings are small replies, so one
    /// connection's receive thread keeps up; transfers use <see cref="Pool"/>'s connections, each with its own. On the
    /// OpenSSH transport the pool's connections are such channels already.
    /// </summary>
    internal SftpPool WalkPool
    {
        get
        {
            if (_client is not SshNetEngineClient)
            {
                return Pool;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_channels is null)
            {
                // The connection at the time of each open: after a reconnect, the old one's channels are closed when met.
                Interlocked.CompareExchange(ref _channels, new SftpPool((_, t) => SshNetChannelSftpClient.OpenAsync(Settings, _client, t)), null);
            }

            return _channels;
        }
    }

    /// <summary>The walk's channels if any walk opened them; null otherwise.</summary>
    internal SftpPool? WalkChannelsIfCreated => _channels;

    /// <summary>Starts opening the connections a tree transfer about to walk its remote side will rent, so their logins
    /// run during the walk rather than after it (the walk itself lists on <see cref="WalkPool"/>).</summary>
    private void WarmUpForTransfer(TransferOptions options)
    {
        if (!_connector.NeedsUser)
        {
            Pool.WarmUp(options.EffectiveParallelism);
        }
    }

    /// <summary>Starts opening the pool's connections in the background (<see cref="SftpSettings.WarmPool"/>), so the
    /// first tree job (and, on the OpenSSH transport, search) finds them ready, unless the connect needed the user for a
    /// one-time code.</summary>
    private void WarmUpPool()
    {
        if (Settings.WarmPool <= 0)
        {
            return;
        }

        if (_connector.NeedsUser)
        {
            SftpLog.Info("pool: no connections opened in the background: each would ask for a one-time code again (set SFTP_TOTP_SECRET to answer it)");
            return;
        }

        Pool.WarmUp(Settings.WarmPool);
    }

    /// <summary>
    /// Searches a remote tree and streams matches as they are found. Folders are listed in parallel over
    /// <see cref="FindOptions.Parallelism"/> connections, so results arrive in no particular order. A folder that cannot
    /// be read does not stop the search: it is added to <paramref name="errors"/> (when given) as it is met.
    /// Symbolic links are reported (type Symlink) but not followed.
    /// </summary>
    /// <param name="root">Folder to search (relative to the working directory, or absolute).</param>
    /// <param name="options">Filters; a string is a glob such as <c>"**/wmr1*.csv"</c>. Null finds everything.</param>
    /// <param name="errors">Receives the folders that could not be listed (added on the enumerating thread).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <exception cref="ArgumentException">The glob or regular expression is invalid.</exception>
    /// <exception cref="SftpPathNotFoundException">The root does not exist.</exception>
    /// <exception cref="SftpConnectionException">The session's connection is lost.</exception>
    public async IAsyncEnumerable<RemoteEntry> FindAsync(string root, FindOptions? options = null, ICollection<PathError>? errors = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new FindOptions();
        var filter = new FindFilter(options);
        var start = await ResolvePathAsync(root, cancellationToken).ConfigureAwait(false);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var rootEntry = await StatAsync(start, token).ConfigureAwait(false);
        if (!rootEntry.IsDirectory)
        {
            if (filter.IsMatch(rootEntry, rootEntry.Name, 1))
            {
                yield return rootEntry;
            }

            yield break;
        }

        var owners = await OwnersAsync(token).ConfigureAwait(false);
        using var rental = WalkRental.Start(WalkPool, options.Parallelism, token);
        await foreach (var found in TreeWalker.WalkAsync(this, _client, rental.Clients, start, options.MaxDepth, owners, token).ConfigureAwait(false))
        {
            if (found.Error is not null)
            {
                errors?.Add(found.Error);
            }
            else if (filter.IsMatch(found.Entry!, found.RelativePath, found.Depth))
            {
                yield return found.Entry!;
            }
        }
    }

    /// <summary>Searches a remote tree and collects every match (sorted by path) and every folder that could not be read.</summary>
    /// <exception cref="ArgumentException">The glob or regular expression is invalid.</exception>
    /// <exception cref="SftpPathNotFoundException">The root does not exist.</exception>
    [Verb(VerbGroup.Find, "recursive search: glob, regex, type, size, time, depth", Sync = "Find")]
    public async Task<FindResult> FindAllAsync([RemotePath] string root, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOptions();
        var watch = Stopwatch.StartNew();
        var errors = new List<PathError>();
        var entries = new List<RemoteEntry>();
        await foreach (var entry in FindAsync(root, options, errors, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        errors.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new FindResult(await ResolvePathAsync(root, cancellationToken).ConfigureAwait(false), options.Describe(), entries, errors, watch.Elapsed);
    }
}
