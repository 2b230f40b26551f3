using Renci.SshNet;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _healLock = new(1, 1);

    /// <summary>
    /// Runs one file transfer under <see cref="TransferOptions.Retries"/>: when the connection drops, waits, reconnects
    /// (the working directory stays) and runs <paramref name="attempt"/> again with <c>resume: true</c>. Other errors
    /// are translated and thrown at once; cancellation stops the waits too.
    /// </summary>
    internal async Task<TransferResult> TransferWithRetriesAsync(string operation, string path, string part, TransferOptions options,
        Func<SftpClient, bool, CancellationToken, Task<TransferResult>> attempt, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var client = _client;
        return await RetryLoop.RunAsync(options, async (retry, t) =>
            {
                client = _client;
                return await attempt(client, retry > 0, t).ConfigureAwait(false) with { Retries = retry };
            },
            (e, retry) =>
            {
                var mapped = SftpErrors.Map(e, operation, path, this);
                if (token.IsCancellationRequested || !TransferRetry.IsConnectionLoss(mapped, client))
                {
                    return mapped;
                }

                return retry >= options.EffectiveRetries ? TransferRetry.Exhausted(operation, path, part, options, mapped) : null;
            },
            t => HealAsync(client, t), null, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Reconnects the session's own connection when it is down or is the one that just failed
    /// (<paramref name="failed"/>), keeping the working directory. With no <paramref name="failed"/> client (a pool
    /// connection of a recursive job dropped) the session's connection is probed, since a cut that took the pool's
    /// connections usually took it too and SSH.NET may not have noticed yet. Concurrent callers reconnect once. A server
    /// that is still unreachable is left for the next attempt to report, so it counts as a retry; host-key and
    /// authentication errors are thrown.
    /// </summary>
    /// <returns>True when the session's connection was down (it was reconnected, or the attempt failed).</returns>
    internal async Task<bool> HealAsync(SftpClient? failed, CancellationToken cancellationToken)
    {
        await _healLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _client;
            if (IsUp(current) && !ReferenceEquals(current, failed) && (failed is not null || await AnswersAsync(current, cancellationToken).ConfigureAwait(false)))
            {
                return false;
            }

            _pool?.Clear();
            _channels?.Clear();
            await ReconnectAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SftpConnectionException)
        {
            // Still unreachable: the next attempt fails fast on the dead client and uses up a retry.
            return true;
        }
        finally
        {
            _healLock.Release();
        }
    }

    /// <summary>
    /// Runs a tree job's planning (the walk, the remote folders) under <see cref="TransferOptions.Retries"/>. A network
    /// drop usually takes every connection of the session: the walk then reports folders it could not list, or the next
    /// request throws. Either way, when the session's own connection turns out to be down it is healed and planning
    /// starts over, so a drop while planning does not leave files out of the job.
    /// </summary>
    private async Task<T> PlanWithRetriesAsync<T>(TransferOptions options, Func<CancellationToken, Task<T>> plan, Func<T, bool> hasErrors,
        CancellationToken cancellationToken)
    {
        return await RetryLoop.RunAsync(options, (_, t) => plan(t), RetryLoop.OnConnectionFailure(options, cancellationToken),
            t => HealAsync(null, t), async (result, t) => hasErrors(result) && await HealAsync(null, t).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> AnswersAsync(SftpClient client, CancellationToken cancellationToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            await SftpClientRequests.StatAsync(client, Home, probe.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
