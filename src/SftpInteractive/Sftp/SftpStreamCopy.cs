namespace SftpInteractive;

/// <summary>
/// Copies between a remote file and a caller's <see cref="Stream"/> on the engine, with a bounded number of reads or
/// writes in flight (a stream cannot be written at offsets, so replies are taken in order; files use
/// <see cref="PipelinedReader"/> and <see cref="PipelinedWriter"/> instead).
/// </summary>
internal static class SftpStreamCopy
{
    private const int InFlight = 16;

    /// <summary>Reads the whole of <paramref name="path"/> into <paramref name="destination"/>; <paramref name="done"/> gets the bytes so far.</summary>
    public static async Task<long> DownloadAsync(SftpEngine engine, string path, Stream destination, Action<long> done, CancellationToken cancellationToken)
    {
        var handle = await engine.OpenAsync(path, SftpOpenFlags.Read, cancellationToken).ConfigureAwait(false);
        var chunk = engine.ReadChunk(256 * 1024);
        var pending = new Queue<(long Offset, byte[] Buffer, Task<int> Read)>();
        long next = 0, written = 0;
        var ended = false;
        try
        {
            while (true)
            {
                while (!ended && pending.Count < InFlight)
                {
                    var buffer = new byte[chunk];
                    pending.Enqueue((next, buffer, engine.ReadAsync(handle, (ulong)next, buffer, cancellationToken)));
                    next += chunk;
                }

                if (pending.Count == 0)
                {
                    break;
                }

                var (offset, data, read) = pending.Dequeue();
                var got = await read.ConfigureAwait(false);
                if (ended || offset != written)
                {
                    continue; // past the end, or behind a short read that already took this range
                }

                // A short read (allowed by the protocol): ask for the rest of this range before going on.
                while (got > 0 && got < data.Length)
                {
                    var more = await engine.ReadAsync(handle, (ulong)(offset + got), data.AsMemory(got), cancellationToken).ConfigureAwait(false);
                    if (more == 0)
                    {
                        break;
                    }

                    got += more;
                }

                if (got > 0)
                {
                    await destination.WriteAsync(data.AsMemory(0, got), cancellationToken).ConfigureAwait(false);
                    written += got;
                    done(written);
                }

                ended |= got < data.Length;
            }

            await engine.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
            return written;
        }
        catch
        {
            engine.CloseUnanswered(handle);
            throw;
        }
    }

    /// <summary>Writes <paramref name="source"/> to its end into <paramref name="path"/> (created or truncated).</summary>
    public static async Task<long> UploadAsync(SftpEngine engine, Stream source, string path, Action<long> done, CancellationToken cancellationToken)
    {
        var handle = await engine.OpenAsync(path, SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Truncate, cancellationToken).ConfigureAwait(false);
        var pending = new Queue<(long End, Task Write)>();
        long offset = 0;
        try
        {
            while (true)
            {
                var buffer = new byte[engine.MaxWrite];
                var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    pending.Enqueue((offset + read, engine.WriteAsync(handle, (ulong)offset, buffer.AsMemory(0, read), cancellationToken)));
                    offset += read;
                }

                while (pending.Count > 0 && (pending.Count >= InFlight || read < buffer.Length))
                {
                    var (end, write) = pending.Dequeue();
                    await write.ConfigureAwait(false);
                    done(end);
                }

                if (read < buffer.Length)
                {
                    break;
                }
            }

            await engine.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
            return offset;
        }
        catch
        {
            engine.CloseUnanswered(handle);
            throw;
        }
    }
}
