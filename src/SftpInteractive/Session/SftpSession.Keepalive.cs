namespace SftpInteractive;

public sealed partial class SftpSession
{
    private readonly CancellationTokenSource _watchdogStop = new();
    private Task? _watchdog;
    private string? _lostReason;

    /// <summary>Why the session considers the connection lost (a keepalive probe went unanswered), or null.</summary>
    public string? ConnectionLostReason => _lostReason ?? _connector.MasterEndReason;

    /// <summary>
    /// SSH.NET's keepalive only sends SSH_MSG_IGNORE, which needs no answer, so a peer that silently stopped
    /// answering (NAT timeout, pulled cable) goes unnoticed until a request times out. Like OpenSSH's
    /// ServerAliveInterval, this probe expects a reply: an SFTP stat every keepalive interval; no answer within the
    /// interval × ServerAliveCountMax (at least 2 s; as OpenSSH, that many intervals without an answer) marks the
    /// connection lost and closes it, so the next call fails at once with "call Reconnect()" instead of hanging.
    /// </summary>
    private void StartWatchdog()
    {
        var interval = Settings.KeepAliveInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var patience = interval * Math.Max(1, Settings.ServerAliveCountMax);
        var timeout = patience < TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : patience;
        _watchdog = Task.Run(() => WatchAsync(interval, timeout, _watchdogStop.Token));
    }

    private async Task WatchAsync(TimeSpan interval, TimeSpan timeout, CancellationToken stop)
    {
        var clock = Settings.TimeProvider;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stop).ConfigureAwait(false);
                var client = _client;
                if (!IsUp(client))
                {
                    continue;
                }

                using var probe = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var answered = SftpClientRequests.StatAsync(client, Home, probe.Token);
                var finished = await Task.WhenAny(answered, Task.Delay(timeout, clock, stop)).ConfigureAwait(false);
                if (finished != answered && !stop.IsCancellationRequested && ReferenceEquals(client, _client))
                {
                    await probe.CancelAsync().ConfigureAwait(false);
                    _lostReason = $"the server did not answer a keepalive probe within {Format.Duration(timeout)}";
                    _ = Task.Run(client.Dispose, CancellationToken.None); // closing a stalled socket can block; don't wait
                    _connector.DisposeMaster(); // OpenSSH transport: the next connection logs in afresh
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed probe on a dropped connection: the next user call reports it with the right message.
            }
        }
    }

    private void StopWatchdog()
    {
        _watchdogStop.Cancel();
        _watchdogStop.Dispose();
    }
}
