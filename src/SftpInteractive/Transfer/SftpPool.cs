using System.Collections.Concurrent;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A small pool of extra SFTP connections for one session. SSH.NET runs one connection per client and the server
/// runs one <c>sftp-server</c> per connection, so parallel walks and transfers need several clients to use several
/// cores. Connections are opened on demand (in parallel), kept for the next job, and closed with the session.
/// </summary>
internal sealed class SftpPool(SshConnector connector) : IDisposable
{
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<SftpClient> _idle = [];
    private volatile bool _disposed;

    /// <summary>Connections open and waiting to be rented.</summary>
    public int IdleCount => _idle.Count;

    /// <summary>Rents <paramref name="count"/> connected clients, opening the missing ones in parallel.</summary>
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

        var opening = Enumerable.Range(0, count - clients.Count).Select(_ => connector.ConnectSftpAsync(cancellationToken)).ToArray();
        try
        {
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
            if (_disposed || !SftpSession.IsUp(client) || _idle.Count >= MaxIdle)
            {
                client.Dispose();
            }
            else
            {
                _idle.Add(client);
            }
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

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }
}
