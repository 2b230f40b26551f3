using System.Collections.Concurrent;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A small pool of extra SFTP connections for one session. SSH.NET runs one connection per client and the server
/// runs one <c>sftp-server</c> per connection, so parallel walks and transfers need several clients to use several
/// cores. Connections are opened on demand (in parallel) or ahead of time (<see cref="WarmUp"/>), kept for the next
/// job, and closed with the session.
/// </summary>
internal sealed partial class SftpPool(Func<bool, CancellationToken, Task<SftpClient>> open) : IDisposable
{
    /// <summary>Connections a search or tree job uses unless told otherwise, and so the number opened ahead.</summary>
    internal const int DefaultConnections = 4;

    private const int MaxIdle = 16;
    private static readonly TimeSpan RetryRefused = TimeSpan.FromSeconds(1);
    // Completed (and replaced) whenever a client goes back idle: a job waiting for a channel the server would not open.
    private TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentBag<SftpClient> _idle = [];
    private volatile bool _disposed;
    private int _opened;

    /// <summary>Connections this pool has opened so far (ahead of time or for a job).</summary>
    internal int Opened => Volatile.Read(ref _opened);

    /// <summary>Connections waiting in the pool for the next job.</summary>
    internal int IdleCount => _idle.Count;

    /// <summary>Rents <paramref name="count"/> connected clients: idle ones first, then those still opening ahead of
    /// time, then the missing ones, opened in parallel. A connection that failed to open ahead of time is opened
    /// again here, so the job gets the real error. When <paramref name="abandon"/> fires (the job is over), those still
    /// opening ahead of time are left for the next job and none more is opened; those this call is opening finish and
    /// reach the caller, who gives them back.</summary>
    public async Task<SftpClient[]> RentAsync(int count, CancellationToken cancellationToken, CancellationToken abandon = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clients = new List<SftpClient>(count);
        var taken = new List<SftpClient>(count);
        Warming[] claimed;
        lock (_gate)
        {
            // Idle and still-opening ones are counted together, under the lock a connection that comes up holds while
            // it goes from one to the other: otherwise one finishing in between was in neither, and the job opened one
            // more (the warm-up test's "5 of 4 connections opened").
            while (taken.Count < count && _idle.TryTake(out var idle))
            {
                taken.Add(idle);
            }

            claimed = ClaimWarming(count - taken.Count);
        }

        foreach (var idle in taken)
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
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abandon))
            {
                clients.AddRange(await WaitForWarmingAsync(claimed, waiting.Token).ConfigureAwait(false));
            }

            abandon.ThrowIfCancellationRequested();
            opening = [.. Enumerable.Range(0, count - clients.Count).Select(_ => OpenAsync(mayAsk: true, cancellationToken))];
            await Task.WhenAll(opening).ConfigureAwait(false);
            clients.AddRange(opening.Select(t => t.Result));
        }
        catch (Exception) when (opening.Length > 0 && opening.All(t => t.IsCompletedSuccessfully || t.Exception?.InnerException is { } e && ChannelRefusal.Is(e)))
        {
            // The connection takes no more channels (the server's MaxSessions; on SSH.NET also its own limit). The job
            // goes on with the channels it has; one that needs a channel and got none waits for another job's.
            var opened = opening.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
            clients.AddRange(opened);
            Log($"pool: {opening.Length - opened.Count} of the {opening.Length} SFTP channels opened for a job were refused " +
                $"({Redactor.Redact(opening.First(t => !t.IsCompletedSuccessfully).Exception!.InnerException!.Message)}); it uses {clients.Count} of the {count} it asked for");
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

    /// <summary>Rents up to <paramref name="count"/> clients, at least one: when the server refuses more channels and
    /// none was left for this job, it waits (bounded by <paramref name="patience"/>; negative: no bound) for another job
    /// to give one back, trying again each second.</summary>
    /// <exception cref="SftpConnectionException">No channel could be had within <paramref name="patience"/>.</exception>
    public async Task<SftpClient[]> RentSomeAsync(int count, TimeSpan patience, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var returned = Volatile.Read(ref _returned).Task;
            var clients = await RentAsync(Math.Max(count, 1), cancellationToken).ConfigureAwait(false);
            if (clients.Length > 0)
            {
                return clients;
            }

            var left = patience < TimeSpan.Zero ? Timeout.InfiniteTimeSpan : patience - waited.Elapsed; // negative: no timeout set
            if (patience >= TimeSpan.Zero && left <= TimeSpan.Zero)
            {
                throw new SftpConnectionException($"The server refused every SFTP channel for {patience.TotalSeconds:0} s (its MaxSessions limit, " +
                    "all taken by the session's other jobs). Lower Parallelism, or raise MaxSessions in the server's sshd_config.");
            }

            try
            {
                // A job giving a channel back wakes this at once; a command's channel that ends does not, so try again each second.
                await returned.WaitAsync(left < TimeSpan.Zero || left > RetryRefused ? RetryRefused : left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Try again.
            }
        }
    }

    /// <summary>Gives clients back; broken ones (a cut connection, a cancelled transfer) are closed instead.</summary>
    public void Return(IEnumerable<SftpClient> clients)
    {
        foreach (var client in clients)
        {
            var up = SftpSession.IsUp(client);
            bool kept;
            lock (_gate)
            {
                kept = up && KeepIdle(client);
            }

            if (!kept)
            {
                client.Dispose();
            }
        }
    }

    // Under _gate, so a connection that comes up while the pool is disposed is closed, not kept.
    private bool KeepIdle(SftpClient client)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            return false;
        }

        _idle.Add(client);
        Interlocked.Exchange(ref _returned, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return true;
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
        var client = await open(mayAsk, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _opened);
        return client;
    }
}
