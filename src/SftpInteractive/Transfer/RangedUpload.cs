using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Uploads one large file over several connections at once (<see cref="RangePlan"/> says how many and why), each
/// writing the blocks it takes (<see cref="Blocks"/>) at their offsets into the same remote <c>.part</c>, with many
/// writes in flight (<see cref="PipelinedWriter"/>). The session's own connection starts at once; the pool's join as
/// they open, so opening them never holds the transfer up. Ranges leave gaps until every block is written, and a
/// resume continues from a <c>.part</c>'s size, so the ranges go to <c>&lt;part&gt;.ranges</c> (<see cref="RangesPath"/>),
/// which nothing resumes from: it becomes the <c>.part</c> when complete, or, if the transfer stops, once cut back to
/// the prefix known to be complete. When no connection is left to do that, <see cref="UnsafeParts"/> remembers the
/// prefix and the next put of the file in this session recovers it (<see cref="RecoverAsync"/>); a later process
/// finds no <c>.part</c> with gaps, only the <c>.ranges</c> file, and starts over.
/// </summary>
internal static class RangedUpload
{
    /// <summary>Blocks small enough that a late connection still finds work, large enough to keep each pipeline full.</summary>
    public const long BlockSize = 1L << 20;

    /// <summary>Where a ranged upload of <paramref name="partPath"/> writes until its data has no gaps.</summary>
    public static string RangesPath(string partPath) => partPath + ".ranges";

    public static async Task RunAsync(SftpClient first, Task<SftpClient[]> others, int count, string localPath, string partPath, long size,
        UnsafeParts unsafeParts, FileProgress progress, CancellationToken cancellationToken)
    {
        var blocks = new Blocks(0, size, BlockSize);
        var rangesPath = RangesPath(partPath);
        using var input = File.OpenHandle(localPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long total = 0;

        async Task RunConnectionAsync(int index)
        {
            try
            {
                await WriteAsync(index).ConfigureAwait(false);
            }
            catch
            {
                // The others may be waiting for this one's first write, or writing blocks that can no longer make a
                // complete file: stop them now.
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        async Task WriteAsync(int index)
        {
            var client = index == 0 ? first : await PoolClientAsync(others, index - 1).ConfigureAwait(false);
            if (client is null)
            {
                return;
            }

            if (index > 0)
            {
                // Only after the session's connection has emptied the file: a stale longer one must not outlive it.
                await emptied.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            }

            await PipelinedWriter.WriteAsync(client, rangesPath, index == 0, input, blocks, n =>
            {
                emptied.TrySetResult();
                progress.Set(Interlocked.Add(ref total, n));
            }, stop.Token).ConfigureAwait(false);
        }

        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() => RunConnectionAsync(i), stop.Token)).ToArray();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
            await SftpClientRequests.RenameAsync(first, rangesPath, partPath, posix: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            var prefix = blocks.CompletePrefix();
            if (!await RecoverAsync(first, partPath, prefix).ConfigureAwait(false))
            {
                unsafeParts.Remember(partPath, prefix);
            }

            // The connections stopped because of one failure: report that (a cut connection is retried), not their cancels.
            var cause = tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (cause is not null && !cancellationToken.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    /// <summary>A pool connection, or null when the pool could not open it: the session's connection takes the blocks.</summary>
    private static async Task<SftpClient?> PoolClientAsync(Task<SftpClient[]> others, int index)
    {
        try
        {
            return (await others.ConfigureAwait(false))[index];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Cuts a stopped ranged upload's <c>.ranges</c> file back to <paramref name="prefix"/> bytes (the part known
    /// to be complete) and makes it the <c>.part</c> a resume continues from; false when that could not be done.</summary>
    public static async Task<bool> RecoverAsync(SftpClient client, string partPath, long prefix)
    {
        if (!await TryCutAsync(client, RangesPath(partPath), prefix).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            using var bounded = new CancellationTokenSource(client.OperationTimeout > TimeSpan.Zero ? client.OperationTimeout : TimeSpan.FromSeconds(30));
            await SftpClientRequests.RenameAsync(client, RangesPath(partPath), partPath, posix: true, bounded.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsConnectionGone(e))
        {
            return false;
        }
    }

    /// <summary>Cuts a remote file back to <paramref name="prefix"/> bytes; false when the connection is gone.</summary>
    private static async Task<bool> TryCutAsync(SftpClient client, string path, long prefix)
    {
        try
        {
            if (!SftpSession.IsUp(client))
            {
                return false;
            }

            using var bounded = new CancellationTokenSource(client.OperationTimeout > TimeSpan.Zero ? client.OperationTimeout : TimeSpan.FromSeconds(30));
            await SftpClientRequests.SetStatAsync(client, path, new SftpAttributes { Flags = SftpAttributes.SizeFlag, Size = (ulong)prefix }, bounded.Token)
                .ConfigureAwait(false);

            return true;
        }
        catch (Exception e) when (IsConnectionGone(e))
        {
            return false;
        }
    }

    private static bool IsConnectionGone(Exception e) =>
        e is Renci.SshNet.Common.SshException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException;
}
