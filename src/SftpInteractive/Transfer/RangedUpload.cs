using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Uploads one large file over several connections at once, each writing its own contiguous range at its offsets into
/// the same remote <c>.part</c> (<see cref="RangePlan"/> says how many and why), every range with many writes in
/// flight (<see cref="PipelinedWriter"/>). The first range starts on the session's own connection at once, emptying
/// the <c>.part</c>; the others start as the pool's connections arrive. If the transfer stops, the <c>.part</c> is cut
/// back to the prefix known to be complete, so a resume (which continues from the <c>.part</c>'s size) stays correct;
/// when no connection is left to cut it, <see cref="UnsafeParts"/> remembers the prefix for the retry.
/// </summary>
internal static class RangedUpload
{
    public static async Task RunAsync(SftpClient first, Task<SftpClient[]> others, int count, string localPath, string partPath, long size,
        UnsafeParts unsafeParts, FileProgress progress, CancellationToken cancellationToken)
    {
        var rangeSize = RangePlan.RangeSize(size, count);
        var done = new long[count];
        using var input = File.OpenHandle(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long total = 0;

        async Task WriteRangeAsync(int index)
        {
            try
            {
                await WriteAsync(index).ConfigureAwait(false);
            }
            catch
            {
                // The other ranges may be waiting for this one's first write: stop them now.
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        async Task WriteAsync(int index)
        {
            var client = index == 0 ? first : (await others.ConfigureAwait(false))[index - 1];
            if (index > 0)
            {
                // Only after the first range's open has emptied the .part: a stale longer file must not outlive it.
                await emptied.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            }

            var start = index * rangeSize;
            var end = Math.Min(size, start + rangeSize);
            await PipelinedWriter.WriteAsync(client, partPath, index == 0, input, start, end, n =>
            {
                emptied.TrySetResult();
                Volatile.Write(ref done[index], Volatile.Read(ref done[index]) + n);
                progress.Set(Interlocked.Add(ref total, n));
            }, stop.Token).ConfigureAwait(false);
        }

        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() => WriteRangeAsync(i), stop.Token)).ToArray();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            var prefix = RangePlan.CompletePrefix(done, rangeSize, size);
            if (!await TryCutAsync(first, partPath, prefix).ConfigureAwait(false))
            {
                unsafeParts.Remember(partPath, prefix);
            }

            // The ranges stopped because of one failure: report that (a cut connection is retried), not their cancels.
            var cause = tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (cause is not null && !cancellationToken.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    /// <summary>Cuts the remote <c>.part</c> back to <paramref name="prefix"/> bytes; false when the connection is gone.</summary>
    public static async Task<bool> TryCutAsync(SftpClient client, string partPath, long prefix)
    {
        try
        {
            if (!SftpSession.IsUp(client))
            {
                return false;
            }

            using var bounded = new CancellationTokenSource(client.OperationTimeout > TimeSpan.Zero ? client.OperationTimeout : TimeSpan.FromSeconds(30));
            var file = await client.OpenAsync(partPath, FileMode.Open, FileAccess.Write, bounded.Token).ConfigureAwait(false);
            await using (file.ConfigureAwait(false))
            {
                file.SetLength(prefix);
            }

            return true;
        }
        catch (Exception e) when (e is Renci.SshNet.Common.SshException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }
}
