using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Reads a small file whole in one round trip: open, then the expected bytes and, behind them, the read that proves
/// the end of the file (an empty reply), then a close nobody waits for. SSH.NET's DownloadFile took four round trips
/// (open, fstat, read, read) and its close another.
/// </summary>
internal static class SmallFileReader
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Copies <paramref name="path"/> to <paramref name="output"/>; the bytes copied.</summary>
    public static async Task<long> CopyAsync(SftpClient client, string path, long expectedSize, Stream output, CancellationToken cancellationToken)
    {
        var engine = await SftpEngines.ForAsync(client, cancellationToken).ConfigureAwait(false);
        var handle = await engine.OpenAsync(path, SftpOpenFlags.Read, cancellationToken).ConfigureAwait(false);
        var chunk = engine.ReadChunk((int)SshConnector.BufferSize);
        using var slots = new SlotPool<ReadSlot>(() => new ReadSlot(chunk));
        var completed = false;
        try
        {
            var expected = (uint)Math.Clamp(expectedSize, 0, chunk);
            var first = expected > 0 ? Send(engine, handle, slots, 0, expected) : null;
            var end = Send(engine, handle, slots, expected, (uint)chunk);
            long total = 0;
            if (first is not null)
            {
                await PipelinedReader.Settled(end, cancellationToken).ConfigureAwait(false);
                total = await TakeAsync(first, output, cancellationToken).ConfigureAwait(false);
            }

            // A first reply shorter than listed means the end read is not next: it is dropped with the slots.
            if (total == expected)
            {
                total += await TakeAsync(end, output, cancellationToken).ConfigureAwait(false);
                if (total == expected)
                {
                    completed = true;
                    return total;
                }
            }

            // The file is not what its listing said (it grew or shrank): read on from what arrived to its end.
            while (true)
            {
                var got = await TakeAsync(Send(engine, handle, slots, total, (uint)chunk), output, cancellationToken).ConfigureAwait(false);
                if (got == 0)
                {
                    completed = true;
                    return total;
                }

                total += got;
            }
        }
        finally
        {
            if (completed)
            {
                // Nothing waits on a read's close: the server handles requests in order, so it is closed before
                // anything sent after it is answered.
                engine.CloseUnanswered(handle);
            }
            else
            {
                try
                {
                    await engine.CloseAsync(handle, CancellationToken.None).WaitAsync(SettleTimeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The connection failed or stalled: the close is given up.
                }
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

    private static async Task<int> TakeAsync(ReadSlot slot, Stream output, CancellationToken cancellationToken)
    {
        await slot.Answered().WaitAsync(cancellationToken).ConfigureAwait(false);
        output.Write(slot.Received);
        return slot.Received.Length;
    }
}
