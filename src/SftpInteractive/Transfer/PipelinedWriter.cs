using System.Buffers;
using System.Reflection;
using Microsoft.Win32.SafeHandles;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Writes a byte range of a local file to the same offsets of a remote file with up to <see cref="InFlight"/>
/// SSH_FXP_WRITE requests outstanding, as OpenSSH's sftp does (64 × 32 KiB). SftpFileStream waits for each write's
/// status before it sends the next, one round trip per buffer, which at 60 ms caps a connection near 1 MiB/s.
/// SSH.NET serialises a write request when it is sent, so one buffer serves every request. The remote file is opened
/// without truncation, so several writers (one per range and connection) can fill the same file.
/// Reached by reflection on SSH.NET's internal SFTP session (as <see cref="SmallFileReader"/>); when the members are
/// missing, <see cref="IsAvailable"/> is false and callers use the public path.
/// </summary>
internal static class PipelinedWriter
{
    /// <summary>Writes outstanding per writer: OpenSSH sftp's default (<c>-R 64</c>).</summary>
    public const int InFlight = 64;

    // Acknowledgements taken per wake-up once the pipeline is full: a quarter keeps 48 writes in flight meanwhile.
    private const int AcknowledgedTogether = InFlight / 4;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private static readonly Type? SessionInterface = SftpInternals.SessionInterface;
    private static readonly Type? FlagsType = typeof(SftpClient).Assembly.GetType("Renci.SshNet.Sftp.Flags");
    private static readonly MethodInfo? Open = FlagsType is null ? null : SessionInterface?.GetMethod("RequestOpenAsync", [typeof(string), FlagsType, typeof(CancellationToken)]);
    private static readonly MethodInfo? Write = SessionInterface?.GetMethod("RequestWriteAsync", [typeof(byte[]), typeof(ulong), typeof(byte[]), typeof(int), typeof(int), typeof(CancellationToken)]);
    private static readonly MethodInfo? Close = SessionInterface?.GetMethod("RequestCloseAsync", [typeof(byte[]), typeof(CancellationToken)]);
    private static readonly MethodInfo? WriteLength = SessionInterface?.GetMethod("CalculateOptimalWriteLength", [typeof(uint), typeof(byte[])]);

    // Write | CreateNewOrOpen keeps what is there (a resume's prefix, the other ranges' bytes); | Truncate starts afresh.
    private static readonly object? WriteFlags = FlagsType is null ? null : Enum.ToObject(FlagsType, 0x02 | 0x08);
    private static readonly object? TruncateFlags = FlagsType is null ? null : Enum.ToObject(FlagsType, 0x02 | 0x08 | 0x10);

    /// <summary>True when the internal requests exist in this SSH.NET version.</summary>
    public static bool IsAvailable { get; } = SftpInternals.HasSession && Open is not null && Write is not null && Close is not null && WriteLength is not null;

    /// <summary>Takes blocks from <paramref name="blocks"/> until none is left and writes each from
    /// <paramref name="input"/> to the same offsets of <paramref name="remotePath"/> (emptied first when
    /// <paramref name="truncate"/>), keeping the pipeline full across blocks; <paramref name="written"/> gets each
    /// acknowledged write's length.</summary>
    public static async Task WriteAsync(SftpClient client, string remotePath, bool truncate, SafeFileHandle input, Blocks blocks,
        Action<int> written, CancellationToken cancellationToken)
    {
        var session = SftpInternals.Session(client) ?? throw new Renci.SshNet.Common.SshConnectionException("Client not connected.");
        var handle = await SftpInternals.AwaitAsync<byte[]>(Open!, session, remotePath, (truncate ? TruncateFlags : WriteFlags)!, cancellationToken).ConfigureAwait(false);
        var pending = new Queue<Pending>(InFlight);
        var completed = false;
        try
        {
            await SendAllAsync(session, handle, input, blocks, pending, written, cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            if (completed)
            {
                // The close's status is the server's last word on the writes (a full disk can surface here).
                await Invoke(Close!, session, handle, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Abandon(pending.Select(p => p.Task));
                await SettleAsync(Invoke(Close!, session, handle, CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAllAsync(object session, byte[] handle, SafeFileHandle input, Blocks blocks,
        Queue<Pending> pending, Action<int> written, CancellationToken cancellationToken)
    {
        var chunk = (int)(uint)WriteLength!.Invoke(session, [SshConnector.BufferSize, handle])!;
        var buffer = ArrayPool<byte>.Shared.Rent(chunk);
        try
        {
            while (blocks.TryTake(out var index, out var position, out var end))
            {
                while (position < end)
                {
                    if (pending.Count == InFlight)
                    {
                        await AcknowledgeAsync(pending, blocks, written, AcknowledgedTogether).ConfigureAwait(false);
                    }

                    // A synchronous read: the local file is usually in the page cache, and on Linux an async file
                    // read is a thread-pool hop per 32 KiB request, which on a busy machine starved the pipeline.
                    cancellationToken.ThrowIfCancellationRequested();
                    var read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(chunk, end - position)), position);
                    if (read == 0)
                    {
                        throw new SftpTransferException($"The local file ended at {position:N0} bytes, before {end:N0} (did it shrink while uploading?).");
                    }

                    pending.Enqueue(new Pending(Invoke(Write!, session, handle, (ulong)position, buffer, 0, read, cancellationToken), index, read));
                    position += read;
                }
            }

            while (pending.Count > 0)
            {
                await AcknowledgeAsync(pending, blocks, written, 1).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Takes the oldest <paramref name="count"/> writes' acknowledgements, in order. It waits for the last of
    /// them first: the server answers in order, so the earlier ones are then done too, and the sender wakes once per
    /// batch instead of once per 32 KiB (each wake is a thread-pool hop; on a busy two-core machine those hops cost
    /// as much CPU as the cipher).</summary>
    private static async Task AcknowledgeAsync(Queue<Pending> pending, Blocks blocks, Action<int> written, int count)
    {
        count = Math.Min(count, pending.Count);
        await Settled(pending.ElementAt(count - 1).Task).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var (task, index, length) = pending.Peek();
            await task.ConfigureAwait(false); // done already; throws its failure, oldest first
            pending.Dequeue();
            blocks.Written(index, length);
            written(length);
        }
    }

    /// <summary>Completes when <paramref name="task"/> does, failed or not (its failure is thrown in order above).</summary>
    private static Task Settled(Task task) => task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private readonly record struct Pending(Task Task, int Block, int Length);

    private static Task Invoke(MethodInfo method, object session, params object[] args)
    {
        try
        {
            return (Task)method.Invoke(session, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Task.FromException(e.InnerException);
        }
    }

    /// <summary>The server answers requests on one connection in order, so once the close is answered every write sent
    /// before it has landed: only then may a stopped ranged upload cut the file back to its complete prefix (a late
    /// write past the cut would leave a gap under a size that looks resumable). A dead connection fails at once; a
    /// stalled one is given up after <see cref="SettleTimeout"/>.</summary>
    private static async Task SettleAsync(Task close)
    {
        try
        {
            await close.WaitAsync(SettleTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Abandon([close]);
        }
    }

    /// <summary>After a failure the outstanding writes and the close still complete (or fail with the connection);
    /// observe them so their errors are not reported as unobserved, without waiting for them.</summary>
    private static void Abandon(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
