using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Downloads one large file over several connections at once, each reading its own contiguous range
/// (<see cref="RangePlan"/> says how many and why). Ranges are written in place into the <c>.part</c>
/// file; if the transfer stops, the file is cut back to the prefix known to be complete, so resume stays correct.
/// </summary>
internal static class RangedDownload
{
    public static async Task RunAsync(IReadOnlyList<SftpClient> clients, string remotePath, string partPath, long size, FileProgress progress,
        CancellationToken cancellationToken)
    {
        var count = clients.Count;
        var rangeSize = RangePlan.RangeSize(size, count);
        var done = new long[count];
        using var handle = File.OpenHandle(partPath, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.Asynchronous, preallocationSize: size);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long total = 0;

        async Task ReadRangeAsync(int index)
        {
            var start = index * rangeSize;
            var end = Math.Min(size, start + rangeSize);
            // The engine's pipelined reads, written in order: done[index] is always a complete prefix of the range.
            await PipelinedReader.ReadAsync(clients[index], remotePath, handle, start, end, toEnd: false, read =>
            {
                Volatile.Write(ref done[index], Volatile.Read(ref done[index]) + read);
                progress.Set(Interlocked.Add(ref total, read));
            }, stop.Token).ConfigureAwait(false);
        }

        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() => ReadRangeAsync(i), stop.Token)).ToArray();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            RandomAccess.SetLength(handle, RangePlan.CompletePrefix(done, rangeSize, size));
            throw;
        }
    }
}
