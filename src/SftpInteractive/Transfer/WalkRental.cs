using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// The extra connections or channels of one walk (the session's own is its first): rented from a pool when the walk
/// starts, joining it as they open, and given back when it ends. A walk that ends before they are all up lets go of
/// those the pool was opening ahead of time, which stay there for the next job (a tree transfer's, right after its
/// walk) instead of arriving idle just after that job found none and opened its own; those opened for the walk itself
/// finish and go back to the pool for the next walk.
/// </summary>
internal sealed class WalkRental : IDisposable
{
    private readonly SftpPool _pool;
    private readonly CancellationTokenSource _abandon;

    private WalkRental(SftpPool pool, int extra, CancellationToken cancellationToken)
    {
        _pool = pool;
        _abandon = new CancellationTokenSource();
        Clients = extra == 0 ? Task.FromResult<SftpClient[]>([]) : pool.RentAsync(extra, cancellationToken, _abandon.Token);
    }

    /// <summary>The extra clients, as they arrive.</summary>
    public Task<SftpClient[]> Clients { get; }

    /// <summary>Rents what a walk with <paramref name="parallelism"/> workers' connections needs besides the session's own.</summary>
    public static WalkRental Start(SftpPool pool, int parallelism, CancellationToken cancellationToken) =>
        new(pool, Math.Clamp(parallelism, 1, 16) - 1, cancellationToken);

    /// <summary>Gives the clients back now or as they arrive (see the class); a failure to open them only cost the walk
    /// their help, so it is logged, not thrown.</summary>
    public void Dispose()
    {
        if (Clients.IsCompletedSuccessfully)
        {
            _pool.Return(Clients.Result); // at once, so the next job finds them idle
            _abandon.Dispose();
            return;
        }

        _abandon.Cancel();
        _ = Clients.ContinueWith(t =>
        {
            _abandon.Dispose();
            if (t.IsCompletedSuccessfully)
            {
                _pool.Return(t.Result);
            }
            else if (t.Exception is { } e)
            {
                SftpLog.Info($"pool: the walk went on without extra connections ({Redactor.Redact(e.GetBaseException().Message)})");
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}
