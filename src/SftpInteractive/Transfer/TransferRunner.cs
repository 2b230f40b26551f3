using System.Diagnostics;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Carries out a plan over several connections: workers take the next file (largest first, so one big file does not
/// finish alone at the end), <see cref="FilesPerConnection"/> of them per connection, so a connection always has other
/// files' requests in flight while one file waits for its open or close (at distance, per-file round trips dominate). A file whose connection dropped is retried on a fresh connection,
/// resuming from its <c>.part</c>, up to <see cref="TransferOptions.Retries"/> times; a file that fails otherwise is
/// recorded and the job goes on. Cancelling stops every worker; finished files stay, unfinished ones keep their
/// <c>.part</c> for resume.
/// </summary>
internal static class TransferRunner
{
    /// <summary>Files in flight on one connection at a time.</summary>
    internal const int FilesPerConnection = 4;

    public delegate Task<TransferResult> MoveOne(SftpClient client, TransferPlanItem item, TransferTracker tracker, CancellationToken cancellationToken);

    public static async Task<TransferReport> RunAsync(SftpSession session, TransferPlan plan, TransferOptions options, IProgress<TransferProgress>? progress,
        MoveOne move, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var tracker = new TransferTracker(progress, options.TimeProvider, plan.Sum(i => i.Size), plan.Count);
        var queue = new Queue<TransferPlanItem>(plan.OrderByDescending(i => i.BytesToMove));
        var results = new List<TransferResult>(plan.Count);
        var failures = new List<PathError>(plan.Failures);
        var gate = new Lock();
        foreach (var skipped in plan.Where(i => !i.WillMove))
        {
            results.Add(await move(null!, skipped, tracker, cancellationToken).ConfigureAwait(false));
        }

        var moving = plan.Count(i => i.WillMove);
        if (moving == 0)
        {
            return new TransferReport(plan, results, failures, watch.Elapsed);
        }

        // The server may allow fewer channels than asked (OpenSSH transport: MaxSessions): the job runs on those it got.
        var clients = await RentWithRetriesAsync(session, Math.Min(options.EffectiveParallelism, moving), options, cancellationToken).ConfigureAwait(false);
        var connections = clients.Length;
        var workers = Math.Min(connections * FilesPerConnection, moving);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var replacing = new SemaphoreSlim(1, 1);

        var verb = plan.Direction == TransferDirection.Download ? "download" : "upload";
        string? abandoned = null;

        async Task WorkAsync(int index)
        {
            while (true)
            {
                TransferPlanItem item;
                lock (gate)
                {
                    while (queue.Count > 0 && !queue.Peek().WillMove)
                    {
                        queue.Dequeue();
                    }

                    if (!queue.TryDequeue(out item!))
                    {
                        return;
                    }

                    if (abandoned is not null)
                    {
                        failures.Add(new PathError(item.Source, abandoned));
                        continue;
                    }
                }

                stop.Token.ThrowIfCancellationRequested();
                await MoveWithRetriesAsync(index, item).ConfigureAwait(false);
            }
        }

        async Task MoveWithRetriesAsync(int worker, TransferPlanItem item)
        {
            var index = worker % connections;
            SftpClient client = null!;
            var lost = false;
            Exception? gaveUp = null;
            try
            {
                var result = await RetryLoop.RunAsync(options, async (retry, t) =>
                    {
                        lock (gate)
                        {
                            client = clients[index];
                        }

                        return await move(client, retry == 0 ? item : TransferRetry.Resuming(item), tracker, t).ConfigureAwait(false) with { Retries = retry };
                    },
                    (e, retry) =>
                    {
                        var mapped = SftpErrors.Map(e, verb, item.Source, session);
                        lost = !stop.IsCancellationRequested && TransferRetry.IsConnectionLoss(mapped, client);
                        if (lost && retry < options.EffectiveRetries)
                        {
                            return null;
                        }

                        gaveUp = lost ? TransferRetry.Exhausted(verb, item.Source, item.Destination + FileTransfer.PartSuffix, options, mapped) : mapped;
                        return gaveUp;
                    },
                    async t =>
                    {
                        // Heal first: when the session's own connection was down too, that also drops the pool's idle
                        // connections, which the same drop most likely killed.
                        await session.HealAsync(null, t).ConfigureAwait(false);
                        await ReplaceAsync(index, client, t).ConfigureAwait(false);
                    }, null, stop.Token).ConfigureAwait(false);
                lock (gate)
                {
                    results.Add(result);
                }
            }
            catch (Exception e) when (ReferenceEquals(e, gaveUp) && (e is not OperationCanceledException || !stop.IsCancellationRequested))
            {
                // The file failed for good: it is recorded and the job goes on (a failure to heal or reconnect is not
                // caught here: it ends the job, as a refused login does).
                lock (gate)
                {
                    failures.Add(new PathError(item.Source, e.Message));
                    if (lost)
                    {
                        // The server stayed unreachable through every retry: don't make each remaining file wait out its own.
                        abandoned ??= $"Not attempted: the connection to {session.Settings.Target} was lost and could not be restored with {options.EffectiveRetries} retries. Run the same call again to resume.";
                    }
                }

                if (!SftpSession.IsUp(client))
                {
                    await ReplaceAsync(index, client, stop.Token).ConfigureAwait(false);
                }
            }
        }

        // A fresh connection in place of one that died, once for all the workers sharing it (the first to notice
        // replaces it; the others find it replaced). If the server is still unreachable the dead one stays and the next
        // attempt fails fast, using up a retry.
        async Task ReplaceAsync(int index, SftpClient dead, CancellationToken token)
        {
            await replacing.WaitAsync(token).ConfigureAwait(false);
            try
            {
                lock (gate)
                {
                    if (!ReferenceEquals(clients[index], dead))
                    {
                        return;
                    }
                }

                if ((await session.Pool.RentAsync(1, token).ConfigureAwait(false)) is not [var fresh])
                {
                    return; // the server refuses a new channel just now: keep the dead one (see above)
                }

                lock (gate)
                {
                    clients[index] = fresh;
                }

                dead.Dispose();
            }
            catch (SftpConnectionException)
            {
                // Keep the dead one: see above.
            }
            finally
            {
                replacing.Release();
            }
        }

        try
        {
            var tasks = Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(i), stop.Token)).ToArray();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch
            {
                // One cancel for the whole job: stop the others, wait for them, then report the first cause.
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            session.Pool.Return(clients);
        }

        results.Sort((a, b) => string.CompareOrdinal(a.Destination, b.Destination));
        return new TransferReport(plan, results, failures, watch.Elapsed);
    }

    /// <summary>The job's connections. Their logins come right after the walk, and a drop then is retried as a drop
    /// while a file moves is: wait, heal the session, open them again (up to <see cref="TransferOptions.Retries"/>).
    /// Refused credentials or host keys are not connection drops and fail at once.</summary>
    private static async Task<SftpClient[]> RentWithRetriesAsync(SftpSession session, int count, TransferOptions options, CancellationToken cancellationToken)
    {
        return await RetryLoop.RunAsync(options, (_, t) => session.Pool.RentSomeAsync(count, session.Settings.OperationTimeout, t), RetryLoop.OnConnectionFailure(options, cancellationToken),
            t => session.HealAsync(null, t), null, cancellationToken).ConfigureAwait(false);
    }
}
