using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Downloads one large file over several connections at once, each reading its own contiguous range
/// (<see cref="RangePlan"/> says how many and why). Ranges are written in place into the <c>.part</c>
/// file; if the transfer stops, the file is cut back to the prefix known to be complete, so resume stays correct.
/// </summary>
internal static class RangedDownload
{
    private const int BufferSize = 256 * 1024;

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
            var input = await clients[index].OpenAsync(remotePath, FileMode.Open, FileAccess.Read, stop.Token).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                input.Seek(start, SeekOrigin.Begin);
                var buffer = new byte[BufferSize];
                var position = start;
                while (position < end)
                {
                    var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, end - position)), stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new SftpTransferException($"{remotePath} ended at {position:N0} bytes, before its listed size {size:N0} (did it shrink on the server?).");
                    }

                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), position, stop.Token).ConfigureAwait(false);
                    position += read;
                    Volatile.Write(ref done[index], position - start);
                    progress.Set(Interlocked.Add(ref total, read));
                }
            }
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
