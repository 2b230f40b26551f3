using System.Diagnostics;
using System.Runtime.CompilerServices;
using Renci.SshNet;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private SftpPool? _pool;

    /// <summary>The extra connections for parallel walks and transfers (opened on first use, closed with the session).</summary>
    internal SftpPool Pool
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pool is null)
            {
                var created = new SftpPool(_connector);
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

    /// <summary>Starts opening the pool's connections in the background (<see cref="SftpSettings.WarmPool"/>), so the
    /// first search or tree job finds them ready, unless the connect needed the user for a one-time code.</summary>
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
        var clients = RentForWalk(options.Parallelism, token);
        try
        {
            await foreach (var found in TreeWalker.WalkAsync(this, _client, clients, start, options.MaxDepth, owners, token).ConfigureAwait(false))
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
        finally
        {
            ReturnWhenArrived(clients);
        }
    }

    /// <summary>The pool's share of a walk with <paramref name="parallelism"/> connections (the session's own is the
    /// first), arriving as they open.</summary>
    private Task<SftpClient[]> RentForWalk(int parallelism, CancellationToken cancellationToken)
    {
        var extra = Math.Clamp(parallelism, 1, 16) - 1;
        return extra == 0 ? Task.FromResult<SftpClient[]>([]) : Pool.RentAsync(extra, cancellationToken);
    }

    /// <summary>Gives a walk's pool connections back, now or when they finish opening; a failure to open them only
    /// cost the walk their help, so it is logged, not thrown.</summary>
    private void ReturnWhenArrived(Task<SftpClient[]> clients)
    {
        if (clients.IsCompletedSuccessfully)
        {
            Pool.Return(clients.Result); // at once, so the next job finds them idle
            return;
        }

        _ = clients.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                Pool.Return(t.Result);
            }
            else if (t.Exception is { } e)
            {
                SftpLog.Info($"pool: the walk went on without extra connections ({e.GetBaseException().Message})");
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
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
