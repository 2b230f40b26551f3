using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Writes a byte range of a local file to the same offsets of a remote file with up to <see cref="MostInFlight"/>
/// SSH_FXP_WRITE requests outstanding on the client's <see cref="SftpEngine"/>, as OpenSSH's sftp does (64 requests), fewer
/// on a short round trip (<see cref="RequestWindow"/>).
/// SftpFileStream waits for each write's status before it sends the next, one round trip per buffer, which at 60 ms
/// caps a connection near 1 MiB/s. The engine copies a write's data into its packet when it is sent, so one buffer
/// serves every request. The remote file is opened without truncation, so several writers (one per range and
/// connection) can fill the same file.
/// </summary>
internal static class PipelinedWriter
{
    /// <summary>Writes outstanding per writer at most: OpenSSH sftp's default (<c>-R 64</c>).</summary>
    public const int MostInFlight = 64;

    /// <summary>
    /// The write size asked for: as large as the server takes (<c>limits@openssh.com</c>: 255 KiB on OpenSSH) where the
    /// transport sends any length (OpenSSH's pipes), as OpenSSH's sftp writes; over SSH.NET's channel one write still
    /// fits one SSH packet (<see cref="SftpEngine.WriteChunk"/>). With 64 KiB writes over OpenSSH a 512 MiB loopback put
    /// took 3.04–3.60 s (our CPU 0.70–0.89 s), with 255 KiB 2.76–3.81 s, median 2.86 against 3.38 (CPU 0.55–0.81 s).
    /// </summary>
    public const int LargestWrite = 256 * 1024;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Takes blocks from <paramref name="blocks"/> until none is left and writes each from
    /// <paramref name="input"/> to the same offsets of <paramref name="remotePath"/> (emptied first when
    /// <paramref name="truncate"/>), keeping the pipeline full across blocks; <paramref name="written"/> gets each
    /// acknowledged write's length.</summary>
    public static async Task WriteAsync(SftpClient client, string remotePath, bool truncate, SafeFileHandle input, Blocks blocks,
        Action<int> written, CancellationToken cancellationToken)
    {
        var engine = await SftpEngines.ForAsync(client, cancellationToken).ConfigureAwait(false);
        var flags = SftpOpenFlags.Write | SftpOpenFlags.Create | (truncate ? SftpOpenFlags.Truncate : 0);
        var handle = await engine.OpenAsync(remotePath, flags, cancellationToken).ConfigureAwait(false);
        var chunk = engine.WriteChunk(LargestWrite, handle);
        var window = RequestWindow.For(chunk, MostInFlight, engine.ShortestRoundTrip);
        var pending = new Queue<WriteSlot>(window);
        var buffer = ArrayPool<byte>.Shared.Rent(chunk);
        using var slots = new SlotPool<WriteSlot>(static () => new WriteSlot());
        // Over ssh's pipe on Linux the kernel moves the file's bytes (FileStage); elsewhere they are read and copied.
        var stage = engine.CanSendStaged ? FileStage.TryCreate(chunk) : null;
        var completed = false;
        try
        {
            await SendAllAsync(engine, handle, slots, buffer.AsMemory(0, chunk), stage, input, blocks, pending, window, written, cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            if (completed)
            {
                // The close's status is the server's last word on the writes (a full disk can surface here).
                await engine.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Only once the close is answered may a stopped ranged upload cut the file back to its complete prefix
                // (a late write past the cut would leave a gap under a size that looks resumable). The server answers
                // in order, so the close's answer comes after every write's.
                try
                {
                    await engine.CloseAsync(handle, CancellationToken.None).WaitAsync(SettleTimeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A dead connection fails at once; a stalled one is given up after the timeout.
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
            stage?.Dispose();
        }
    }

    private static async Task SendAllAsync(SftpEngine engine, byte[] handle, SlotPool<WriteSlot> slots, Memory<byte> buffer, FileStage? stage,
        SafeFileHandle input, Blocks blocks, Queue<WriteSlot> pending, int window, Action<int> written, CancellationToken cancellationToken)
    {
        // Acknowledgements taken per wake-up once the pipeline is full: a quarter keeps the rest in flight meanwhile.
        var together = Math.Max(1, window / 4);
        while (blocks.TryTake(out var index, out var position, out var end))
        {
            while (position < end)
            {
                if (pending.Count == window)
                {
                    await AcknowledgeAsync(slots, pending, blocks, written, together, cancellationToken).ConfigureAwait(false);
                }

                // A synchronous read: the local file is usually in the page cache, and on Linux an async file
                // read is a thread-pool hop per request, which on a busy machine starved the pipeline.
                cancellationToken.ThrowIfCancellationRequested();
                var wanted = (int)Math.Min(buffer.Length, end - position);
                var staged = stage?.Fill(input, position, wanted) ?? -1;
                if (staged < 0 && stage is not null)
                {
                    stage.Dispose(); // a file the kernel cannot splice from: read and copied from now on
                    stage = null;
                }

                var read = staged >= 0 ? staged : RandomAccess.Read(input, buffer.Span[..wanted], position);
                if (read == 0)
                {
                    throw new SftpTransferException($"The local file ended at {position:N0} bytes, before {end:N0} (did it shrink while uploading?).");
                }

                var slot = slots.Take();
                (slot.Block, slot.Length) = (index, read);
                if (staged > 0)
                {
                    engine.WriteStaged(handle, (ulong)position, stage!, read, slot);
                }
                else
                {
                    engine.Write(handle, (ulong)position, buffer.Span[..read], slot);
                }

                pending.Enqueue(slot);
                position += read;
            }
        }

        while (pending.Count > 0)
        {
            await AcknowledgeAsync(slots, pending, blocks, written, 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AcknowledgeAsync(SlotPool<WriteSlot> slots, Queue<WriteSlot> pending, Blocks blocks, Action<int> written, int count,
        CancellationToken cancellationToken)
    {
        count = Math.Min(count, pending.Count);
        await PipelinedReader.Settled(pending.ElementAt(count - 1), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var next = pending.Peek();
            await next.Answered().WaitAsync(cancellationToken).ConfigureAwait(false); // throws its failure, oldest first
            pending.Dequeue();
            blocks.Written(next.Block, next.Length);
            written(next.Length);
            slots.Return(next);
        }
    }
}
