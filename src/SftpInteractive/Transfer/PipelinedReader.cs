using Microsoft.Win32.SafeHandles;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Reads a byte range of a remote file into the same offsets of a local file with up to <see cref="InFlight"/>
/// SSH_FXP_READ requests outstanding on the client's <see cref="SftpEngine"/>, writing each reply in order as soon as
/// it has arrived. The local file therefore always ends at a complete prefix of the range, and when the connection
/// dies it holds every byte the server had delivered (SSH.NET's DownloadFileAsync and SftpFileStream fail their whole
/// read-ahead with the connection, received or not). Replies land in pooled <see cref="ReadSlot"/>s on the engine's
/// reading thread; the reader wakes once per quarter of the pipeline, not once per reply.
/// </summary>
internal static class PipelinedReader
{
    /// <summary>Reads outstanding per reader: SSH.NET's own read-ahead, which keeps pace with OpenSSH at a distance.</summary>
    public const int InFlight = 100;

    // Replies taken per wake-up once the pipeline is full.
    private const int TakenTogether = InFlight / 4;

    /// <summary>
    /// Reads [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="remotePath"/> into <paramref name="output"/>;
    /// with <paramref name="toEnd"/> also proves the file ends there (one read past the end).
    /// </summary>
    /// <exception cref="SftpTransferException">The file ended before <paramref name="end"/>.</exception>
    public static async Task ReadAsync(SftpClient client, string remotePath, SafeFileHandle output, long start, long end, bool toEnd,
        Action<int> written, CancellationToken cancellationToken)
    {
        var engine = await SftpEngines.ForAsync(client, cancellationToken).ConfigureAwait(false);
        var handle = await engine.OpenAsync(remotePath, SftpOpenFlags.Read, cancellationToken).ConfigureAwait(false);
        var chunk = (uint)engine.ReadChunk((int)SshConnector.BufferSize);
        var pending = new Queue<ReadSlot>(InFlight + 1);
        using var slots = new SlotPool<ReadSlot>(() => new ReadSlot((int)chunk));
        var completed = false;
        try
        {
            var next = start;
            var checkedEnd = !toEnd;
            while (true)
            {
                while (pending.Count < InFlight && (next < end || !checkedEnd))
                {
                    var length = next < end ? (uint)Math.Min(chunk, end - next) : chunk;
                    checkedEnd |= next >= end;
                    pending.Enqueue(Send(engine, handle, slots, next, length));
                    next += length;
                }

                if (pending.Count == 0)
                {
                    break;
                }

                await TakeAsync(engine, handle, slots, pending, output, remotePath, end, written, cancellationToken).ConfigureAwait(false);
            }

            completed = true;
        }
        finally
        {
            if (completed)
            {
                await engine.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Nothing more is written locally, so there is no need to wait for the close: on a slow link it queues
                // behind every read still in flight (6 MB at 1 MiB/s), and an interrupt must end the get at once.
                engine.CloseUnanswered(handle);
            }
        }
    }

    private static ReadSlot Send(SftpEngine engine, byte[] handle, SlotPool<ReadSlot> slots, long offset, uint length)
    {
        var slot = slots.Take();
        (slot.Offset, slot.Length) = (offset, length);
        engine.Read(handle, (ulong)offset, length, slot);
        return slot;
    }

    private static async Task TakeAsync(SftpEngine engine, byte[] handle, SlotPool<ReadSlot> slots, Queue<ReadSlot> pending, SafeFileHandle output,
        string remotePath, long end, Action<int> written, CancellationToken cancellationToken)
    {
        var count = Math.Min(TakenTogether, pending.Count);
        await Settled(pending.ElementAt(count - 1), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var read = pending.Peek();
            await read.Answered().WaitAsync(cancellationToken).ConfigureAwait(false); // throws its failure, oldest first
            pending.Dequeue();
            var got = Write(read.Received, output, read.Offset, written);
            var (offset, length) = (read.Offset, read.Length);
            slots.Return(read);
            if (offset >= end)
            {
                continue; // the check past the end: an empty reply is the expected end of file
            }

            // A server may answer with less than was asked (the protocol allows it): ask for the rest before going on,
            // so what is written stays one complete prefix.
            while (got < length)
            {
                var rest = Send(engine, handle, slots, offset + got, length - (uint)got);
                await rest.Answered().WaitAsync(cancellationToken).ConfigureAwait(false);
                var more = Write(rest.Received, output, rest.Offset, written);
                slots.Return(rest);
                if (more == 0)
                {
                    throw new SftpTransferException($"{remotePath} ended at {offset + got:N0} bytes, before its listed size {end:N0} (did it shrink on the server?).");
                }

                got += more;
            }
        }
    }

    /// <summary>Waits until <paramref name="slot"/> is answered, failed or not (a failure is thrown where it is taken).</summary>
    internal static async Task Settled(ReplySlot slot, CancellationToken cancellationToken)
    {
        try
        {
            await slot.Answered().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Thrown in order when this slot is taken.
        }
    }

    private static int Write(ReadOnlySpan<byte> data, SafeFileHandle output, long offset, Action<int> written)
    {
        if (data.Length > 0)
        {
            // A synchronous write: it lands in the page cache, and an async file write is a thread-pool hop per reply.
            RandomAccess.Write(output, data, offset);
            written(data.Length);
        }

        return data.Length;
    }
}
