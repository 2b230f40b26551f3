using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Downloads one large file over several connections at once, each reading its own contiguous range (as rclone's
/// multi-thread streams do). One SSH connection is bound to one core for its cipher and one <c>sftp-server</c> on the
/// other end; splitting the file lets both sides use every core. Ranges are written in place into the <c>.part</c>
/// file; if the transfer stops, the file is cut back to the prefix known to be complete, so resume stays correct.
/// </summary>
internal static class RangedDownload
{
    /// <summary>Files at least this large are split.</summary>
    public const long MinSize = 64L << 20;

    /// <summary>Each range is at least this large, so small files don't pay for extra opens.</summary>
    private const long MinRange = 32L << 20;

    private const int BufferSize = 256 * 1024;

    /// <summary>How many ranges a file of <paramref name="size"/> gets with <paramref name="parallelism"/> connections.</summary>
    public static int RangesFor(long size, int parallelism) => size < MinSize ? 1 : (int)Math.Clamp(size / MinRange, 1, parallelism);

    /// <summary>
    /// How many connections one file's get may use on a machine with <paramref name="cores"/> cores: one per two cores,
    /// at most <paramref name="parallelism"/>. Each connection's cipher keeps a core busy on our side (SSH.NET's CPU per
    /// byte is the limit on a fast link), so ranges pay only where cores are free; on two cores (the bench machine,
    /// with the server on the same cores) four connections took 0.81 s for 128 MiB where one took 0.61 s. At distance
    /// one connection already kept pace with OpenSSH's sftp (bench/NOTES.md).
    /// </summary>
    public static int ConnectionsThatPay(int parallelism, int cores) => Math.Clamp(cores / 2, 1, Math.Max(1, parallelism));

    public static async Task RunAsync(IReadOnlyList<SftpClient> clients, string remotePath, string partPath, long size, FileProgress progress,
        CancellationToken cancellationToken)
    {
        var count = clients.Count;
        var rangeSize = (size + count - 1) / count;
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
            RandomAccess.SetLength(handle, CompletePrefix(done, rangeSize, size));
            throw;
        }
    }

    /// <summary>Bytes from the start of the file that are all written: full ranges, then the first unfinished one's part.</summary>
    internal static long CompletePrefix(IReadOnlyList<long> done, long rangeSize, long size)
    {
        long prefix = 0;
        for (var i = 0; i < done.Count; i++)
        {
            var length = Math.Min(size, (i + 1) * rangeSize) - (i * rangeSize);
            prefix += Math.Min(done[i], length);
            if (done[i] < length)
            {
                break;
            }
        }

        return prefix;
    }
}
