using System.Collections.Concurrent;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A small pool of extra SFTP connections for one session. SSH.NET runs one connection per client and the server
/// runs one <c>sftp-server</c> per connection, so parallel walks and transfers need several clients to use several
/// cores. Connections are opened on demand (in parallel) or ahead of time (<see cref="WarmUp"/>), kept for the next
/// job, and closed with the session.
/// </summary>
internal sealed partial class SftpPool(SshConnector connector) : IDisposable
{
    /// <summary>Connections a search or tree job uses unless told otherwise, and so the number opened ahead.</summary>
    internal const int DefaultConnections = 4;

    private const int MaxIdle = 16;
    private readonly ConcurrentBag<SftpClient> _idle = [];
    private volatile bool _disposed;
    private int _opened;

    /// <summary>Connections this pool has opened so far (ahead of time or for a job).</summary>
    internal int Opened => Volatile.Read(ref _opened);

    /// <summary>Connections waiting in the pool for the next job.</summary>
    internal int IdleCount => _idle.Count;

    /// <summary>Rents <paramref name="count"/> connected clients: idle ones first, then those still opening ahead of
    /// time, then the missing ones, opened in parallel. A connection that failed to open ahead of time is opened
    /// again here, so the job gets the real error.</summary>
    public async Task<SftpClient[]> RentAsync(int count, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clients = new List<SftpClient>(count);
        while (clients.Count < count && _idle.TryTake(out var idle))
        {
            if (SftpSession.IsUp(idle))
            {
                clients.Add(idle);
            }
            else
            {
                idle.Dispose();
            }
        }

        Task<SftpClient>[] opening = [];
        try
        {
            clients.AddRange(await ClaimWarmingAsync(count - clients.Count, cancellationToken).ConfigureAwait(false));
            opening = [.. Enumerable.Range(0, count - clients.Count).Select(_ => OpenAsync(mayAsk: true, cancellationToken))];
            clients.AddRange(await Task.WhenAll(opening).ConfigureAwait(false));
        }
        catch
        {
            Return(clients);
            foreach (var t in opening.Where(t => t.IsCompletedSuccessfully))
            {
                t.Result.Dispose();
            }

            throw;
        }

        return [.. clients];
    }

    /// <summary>Gives clients back; broken ones (a cut connection, a cancelled transfer) are closed instead.</summary>
    public void Return(IEnumerable<SftpClient> clients)
    {
        foreach (var client in clients)
        {
            var up = SftpSession.IsUp(client);
            lock (_gate)
            {
                // Under the lock, so a connection that comes up while the pool is disposed is closed, not kept.
                if (up && !_disposed && _idle.Count < MaxIdle)
                {
                    _idle.Add(client);
                    continue;
                }
            }

            client.Dispose();
        }
    }

    /// <summary>Closes the idle connections: after a network drop they are most likely dead too, even where SSH.NET
    /// has not noticed yet, and handing one out would waste a retry.</summary>
    public void Clear()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>Closes every connection and calls off those still opening ahead of time (each closes itself once
    /// up).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        StopWarmUp();
        Clear();
    }

    private async Task<SftpClient> OpenAsync(bool mayAsk, CancellationToken cancellationToken)
    {
        ThreadPoolHeadroom.Ensure(MaxIdle);
        var client = await connector.ConnectSftpAsync(mayAsk, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _opened);
        return client;
    }
}
