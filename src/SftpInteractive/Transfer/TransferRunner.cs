using System.Diagnostics;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Carries out a plan over several connections: one worker per connection takes the next file (largest first, so
/// one big file does not finish alone at the end). A file that fails is recorded and the job goes on; a worker whose
/// connection died reconnects once. Cancelling stops every worker; finished files stay, unfinished ones keep their
/// <c>.part</c> for resume.
/// </summary>
internal static class TransferRunner
{
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

        var workers = Math.Min(options.EffectiveParallelism, moving);
        var clients = await session.Pool.RentAsync(workers, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

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
                }

                stop.Token.ThrowIfCancellationRequested();
                try
                {
                    var result = await move(clients[index], item, tracker, stop.Token).ConfigureAwait(false);
                    lock (gate)
                    {
                        results.Add(result);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    var mapped = SftpErrors.Map(e, plan.Direction == TransferDirection.Download ? "download" : "upload", item.Source, session);
                    lock (gate)
                    {
                        failures.Add(new PathError(item.Source, mapped.Message));
                    }

                    if (!clients[index].IsConnected)
                    {
                        clients[index].Dispose();
                        clients[index] = (await session.Pool.RentAsync(1, stop.Token).ConfigureAwait(false))[0];
                    }
                }
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
}
