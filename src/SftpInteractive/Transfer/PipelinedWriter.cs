using System.Buffers;
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
    public const int InFlight = SftpFileRequests.WritesInFlight;

    // Acknowledgements taken per wake-up once the pipeline is full: a quarter keeps 48 writes in flight meanwhile.
    private const int AcknowledgedTogether = InFlight / 4;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True when the internal requests exist in this SSH.NET version.</summary>
    public static bool IsAvailable { get; } = SftpInternals.HasSession && SftpFileRequests.Open is not null && SftpFileRequests.Write is not null
        && SftpFileRequests.Close is not null && SftpFileRequests.WriteLength is not null;

    /// <summary>Takes blocks from <paramref name="blocks"/> until none is left and writes each from
    /// <paramref name="input"/> to the same offsets of <paramref name="remotePath"/> (emptied first when
    /// <paramref name="truncate"/>), keeping the pipeline full across blocks; <paramref name="written"/> gets each
    /// acknowledged write's length.</summary>
    public static async Task WriteAsync(SftpClient client, string remotePath, bool truncate, SafeFileHandle input, Blocks blocks,
        Action<int> written, CancellationToken cancellationToken)
    {
        var session = SftpFileRequests.Session(client);
        var handle = await SftpFileRequests.OpenAsync(session, remotePath, (truncate ? SftpFileRequests.TruncateFlags : SftpFileRequests.WriteFlags)!, cancellationToken).ConfigureAwait(false);
        var pending = new Queue<Pending>(InFlight);
        var chunk = (int)(uint)SftpFileRequests.WriteLength!.Invoke(session, [SshConnector.BufferSize, handle])!;
        using var writer = new Writer(session, handle, chunk);
        var completed = false;
        try
        {
            await SendAllAsync(writer, input, blocks, pending, written, cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            if (completed)
            {
                // The close's status is the server's last word on the writes (a full disk can surface here).
                await SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Only once the close is answered may a stopped ranged upload cut the file back to its complete prefix
                // (a late write past the cut would leave a gap under a size that looks resumable).
                SftpFileRequests.Abandon(pending.Where(p => p.Task is not null).Select(p => p.Task!));
                await SftpFileRequests.SettleAsync(SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, CancellationToken.None), SettleTimeout).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAllAsync(Writer writer, SafeFileHandle input, Blocks blocks,
        Queue<Pending> pending, Action<int> written, CancellationToken cancellationToken)
    {
        var buffer = writer.Buffer;
        while (blocks.TryTake(out var index, out var position, out var end))
        {
            while (position < end)
            {
                if (pending.Count == InFlight)
                {
                    await AcknowledgeAsync(writer, pending, blocks, written, AcknowledgedTogether).ConfigureAwait(false);
                }

                // A synchronous read: the local file is usually in the page cache, and on Linux an async file
                // read is a thread-pool hop per 32 KiB request, which on a busy machine starved the pipeline.
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(writer.Chunk, end - position)), position);
                if (read == 0)
                {
                    throw new SftpTransferException($"The local file ended at {position:N0} bytes, before {end:N0} (did it shrink while uploading?).");
                }

                pending.Enqueue(writer.Send(position, read, lastOfBlock: position + read == end, index, cancellationToken));
                position += read;
            }
        }

        while (pending.Count > 0)
        {
            await AcknowledgeAsync(writer, pending, blocks, written, 1).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the oldest <paramref name="count"/> writes' acknowledgements, in order. It waits for the last of
    /// them first: the server answers in order, so the earlier ones are then done too, and the sender wakes once per
    /// batch instead of once per 32 KiB (each wake is a thread-pool hop; on a busy two-core machine those hops cost
    /// as much CPU as the cipher). A write in the callback form is waited for through the next write sent in the task
    /// form, which also notices a lost connection or a timeout.</summary>
    private static async Task AcknowledgeAsync(Writer writer, Queue<Pending> pending, Blocks blocks, Action<int> written, int count)
    {
        count = Math.Min(count, pending.Count);
        var barrier = pending.Skip(count - 1).FirstOrDefault(p => p.Task is not null).Task ?? writer.Answered(pending.ElementAt(count - 1));
        await SftpFileRequests.Settled(barrier).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var next = pending.Peek();
            var answered = writer.Answered(next);
            if (!answered.IsCompleted && !barrier.IsCompletedSuccessfully)
            {
                await barrier.ConfigureAwait(false); // cancelled, or the connection failed: this write's reply may never come
            }

            await answered.ConfigureAwait(false); // done already; throws its failure, oldest first
            pending.Dequeue();
            blocks.Written(next.Block, next.Length);
            written(next.Length);
        }
    }

    /// <summary>One write in flight: its task (the task form) or its slot in the writer's replies (the callback form).</summary>
    private readonly record struct Pending(Task? Task, long Sequence, int Block, int Length);

    /// <summary>Sends the writes of one open file from one buffer: most in SSH.NET's callback form (when this
    /// SSH.NET version has it), every <see cref="AcknowledgedTogether"/>-th and each block's last in its task form,
    /// which the writer waits on.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly object _session;
        private readonly byte[] _handle;
        private readonly WriteReplies? _replies;
        private readonly byte[]? _rented;
        private long _sent;

        public Writer(object session, byte[] handle, int chunk)
        {
            (_session, _handle, Chunk) = (session, handle, chunk);
            _replies = WriteReplies.IsAvailable ? new WriteReplies(session, handle, chunk, InFlight) : null;
            _rented = _replies is null ? ArrayPool<byte>.Shared.Rent(chunk) : null;
            Buffer = _replies?.Data ?? new ArraySegment<byte>(_rented!, 0, chunk);
        }

        /// <summary>The most data one write carries.</summary>
        public int Chunk { get; }

        /// <summary>Where the next write's data is read to.</summary>
        public ArraySegment<byte> Buffer { get; }

        public Pending Send(long position, int length, bool lastOfBlock, int block, CancellationToken cancellationToken)
        {
            var sequence = _sent++;
            if (_replies is null || lastOfBlock || sequence % AcknowledgedTogether == AcknowledgedTogether - 1)
            {
                // SSH.NET copies the data when it builds the request, so the buffer can take the next read at once.
                var task = SftpFileRequests.Invoke(SftpFileRequests.Write!, _session, _handle, (ulong)position, Buffer.Array!, Buffer.Offset, length, cancellationToken);
                return new Pending(task, sequence, block, length);
            }

            _replies.Write((ulong)position, length, sequence);
            return new Pending(null, sequence, block, length);
        }

        public Task Answered(Pending write) => write.Task ?? _replies!.Answered(write.Sequence);

        public void Dispose()
        {
            _replies?.Dispose();
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }
}
