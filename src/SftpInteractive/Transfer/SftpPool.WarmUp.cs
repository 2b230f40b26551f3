using Renci.SshNet;

namespace SftpInteractive;

internal sealed partial class SftpPool
{
    private readonly Lock _gate = new();
    private readonly List<Warming> _warming = []; // opening ahead of time, not yet claimed by a job
    private readonly List<Task> _background = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Connections opening ahead of time that no job has claimed yet.</summary>
    internal int WarmingCount
    {
        get
        {
            lock (_gate)
            {
                return _warming.Count;
            }
        }
    }

    /// <summary>
    /// Starts opening connections in the background until <paramref name="count"/> are idle or on their way, so the
    /// next search or tree job finds them ready. They never prompt (see <see cref="SshConnector.ConnectSftpAsync(bool, CancellationToken)"/>)
    /// and a failure is only logged: the job that needs the connection opens it again and gets the real error.
    /// </summary>
    public void WarmUp(int count)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _background.RemoveAll(t => t.IsCompleted);
            var missing = count - _idle.Count - _warming.Count;
            if (missing <= 0)
            {
                return;
            }

            Log($"pool: opening {missing} connection{(missing == 1 ? "" : "s")} in the background for parallel jobs");
            for (var i = 0; i < missing; i++)
            {
                var warming = new Warming();
                _warming.Add(warming);
                _background.Add(Task.Run(() => OpenAheadAsync(warming)));
            }
        }
    }

    /// <summary>Takes up to <paramref name="count"/> connections still opening ahead of time (the caller holds
    /// <c>_gate</c>).</summary>
    private Warming[] ClaimWarming(int count)
    {
        Warming[] claimed = [.. _warming.Take(Math.Max(count, 0))];
        foreach (var warming in claimed)
        {
            warming.Claimed = true;
            _warming.Remove(warming);
        }

        return claimed;
    }

    /// <summary>Waits for the <paramref name="claimed"/> connections; those that failed are left out (the caller opens
    /// them itself).</summary>
    private async Task<IEnumerable<SftpClient>> WaitForWarmingAsync(Warming[] claimed, CancellationToken cancellationToken)
    {
        if (claimed.Length == 0)
        {
            return [];
        }

        try
        {
            var opened = await Task.WhenAll(claimed.Select(w => w.Result.Task)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return opened.OfType<SftpClient>();
        }
        catch (OperationCanceledException)
        {
            Warming[] done;
            lock (_gate)
            {
                done = [.. claimed.Where(w => w.Done)];
                foreach (var warming in claimed.Where(w => !w.Done))
                {
                    // Still opening: back among those opening ahead, for the next job to claim (or idle once up).
                    warming.Claimed = false;
                    _warming.Add(warming);
                }
            }

            foreach (var warming in done)
            {
                // Up (or failed) while claimed: handed to this job, which no longer wants it.
                _ = warming.Result.Task.ContinueWith(t => Return(t.Result is { } client ? [client] : []), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            throw;
        }
    }

    private async Task OpenAheadAsync(Warming warming)
    {
        SftpClient? client = null;
        try
        {
            client = await OpenAsync(mayAsk: false, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log($"pool: a connection opened in the background failed: {(_stop.IsCancellationRequested ? "the session closed" : e.Message)}");
        }
        finally
        {
            bool claimed, kept = false;
            var up = client is not null && SftpSession.IsUp(client);
            lock (_gate)
            {
                // From opening to idle in one step: a job renting now sees it in one list or the other.
                claimed = warming.Claimed;
                warming.Done = true;
                _warming.Remove(warming);
                if (!claimed && up)
                {
                    kept = KeepIdle(client!);
                }
            }

            if (!claimed && !kept)
            {
                client?.Dispose(); // the pool was disposed meanwhile, or it is down already
            }

            warming.Result.SetResult(claimed ? client : null);
        }
    }

    /// <summary>Calls off the connections still opening ahead of time without waiting for them: SSH.NET checks the
    /// token only up to the key exchange, and the key exchange and login that follow cannot be cut short safely, so
    /// one caught there closes itself as soon as it is up (the pool is disposed by then), within one login's time.
    /// Waiting here instead would add that time to every session closed right after connect (a one-line script).</summary>
    private void StopWarmUp()
    {
        Task[] background;
        lock (_gate)
        {
            background = [.. _background];
            _background.Clear();
        }

        _stop.Cancel();
        _ = Task.WhenAll(background).ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // A log writer that fails (a host's closed output) must not fault a task nobody observes.
    private static void Log(string line)
    {
        try
        {
            SftpLog.Info(line);
        }
        catch (Exception)
        {
            // nothing to tell and no one to tell it to
        }
    }

    private sealed class Warming
    {
        public TaskCompletionSource<SftpClient?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Claimed { get; set; }

        // Up or failed, its fate decided (under _gate): a job that calls off its claim cannot put it back.
        public bool Done { get; set; }
    }
}
