using Microsoft.Win32.SafeHandles;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Reads a byte range of a remote file into the same offsets of a local file with up to <see cref="InFlight"/>
/// SSH_FXP_READ requests outstanding, writing each reply in order as soon as it has arrived. The local file therefore
/// always ends at a complete prefix of the range, and when the connection dies it holds every byte the server had
/// delivered: SSH.NET's DownloadFileAsync and SftpFileStream fail their whole read-ahead with the connection, received
/// or not, so an early cut used to leave nothing to resume from. Reached by reflection on SSH.NET's internal SFTP
/// session (as <see cref="PipelinedWriter"/>); when the members are missing, <see cref="IsAvailable"/> is false and
/// callers use the public path.
/// </summary>
internal static class PipelinedReader
{
    /// <summary>Reads outstanding per reader: SSH.NET's own read-ahead, which keeps pace with OpenSSH at a distance.</summary>
    public const int InFlight = SftpFileRequests.ReadsInFlight;

    // Replies taken per wake-up once the pipeline is full: the reader wakes once per quarter, not once per reply.
    private const int TakenTogether = InFlight / 4;

    /// <summary>True when the internal requests exist in this SSH.NET version.</summary>
    public static bool IsAvailable { get; } = SftpInternals.HasSession && SftpFileRequests.Open is not null && SftpFileRequests.Read is not null
        && SftpFileRequests.Close is not null && SftpFileRequests.ReadLength is not null;

    /// <summary>
    /// Reads bytes <paramref name="start"/> to <paramref name="end"/> of <paramref name="remotePath"/> into the same
    /// offsets of <paramref name="output"/>; <paramref name="written"/> gets the length of each reply written, in order.
    /// With <paramref name="toEnd"/> one more request past <paramref name="end"/> checks that the file ends there:
    /// whatever it returns is written too, so a file that grew shows in the local length.
    /// </summary>
    /// <exception cref="SftpTransferException">The remote file ended before <paramref name="end"/>.</exception>
    public static async Task ReadAsync(SftpClient client, string remotePath, SafeFileHandle output, long start, long end, bool toEnd,
        Action<int> written, CancellationToken cancellationToken)
    {
        var session = SftpFileRequests.Session(client);
        var handle = await SftpFileRequests.OpenAsync(session, remotePath, SftpFileRequests.ReadFlags!, cancellationToken).ConfigureAwait(false);
        var pending = new Queue<Pending>(InFlight + 1);
        var chunk = (uint)SftpFileRequests.ReadLength!.Invoke(session, [SshConnector.BufferSize])!;
        using var reader = new Reader(session, handle, (int)chunk);
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
                    var last = checkedEnd && next + length >= end;
                    pending.Enqueue(reader.Send(next, length, last, cancellationToken));
                    next += length;
                }

                if (pending.Count == 0)
                {
                    break;
                }

                await TakeAsync(reader, pending, output, remotePath, end, written, cancellationToken).ConfigureAwait(false);
            }

            completed = true;
        }
        finally
        {
            var close = SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, completed ? cancellationToken : CancellationToken.None);
            if (completed)
            {
                await close.ConfigureAwait(false);
            }
            else
            {
                // Nothing more is written locally, so there is no need to wait for the close: on a slow link it queues
                // behind every read still in flight (6 MB at 1 MiB/s), and an interrupt must end the get at once.
                SftpFileRequests.Abandon([.. pending.Where(p => p.Task is not null).Select(p => p.Task!), close]);
            }
        }
    }

    /// <summary>Writes the oldest replies in order: it waits for the last of a batch first (the server answers in
    /// order, so the earlier ones are then there too) and wakes once per batch, not once per reply. A read in the
    /// callback form is waited for through the next read sent in the task form, which also notices a lost connection,
    /// a timeout or a cancellation.</summary>
    private static async Task TakeAsync(Reader reader, Queue<Pending> pending, SafeFileHandle output, string remotePath, long end,
        Action<int> written, CancellationToken cancellationToken)
    {
        var count = Math.Min(TakenTogether, pending.Count);
        var barrier = pending.Skip(count - 1).FirstOrDefault(p => p.Task is not null).Task ?? reader.Answered(pending.ElementAt(count - 1));
        await SftpFileRequests.Settled(barrier).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var read = pending.Peek();
            var answered = reader.Answered(read);
            if (!answered.IsCompleted && !barrier.IsCompletedSuccessfully)
            {
                await barrier.ConfigureAwait(false); // cancelled, or the connection failed: this reply may never come
            }

            await answered.ConfigureAwait(false); // done already; throws its failure, oldest first
            pending.Dequeue();
            var got = reader.Write(read, output, written);
            if (read.Offset >= end)
            {
                continue; // the check past the end: an empty reply is the expected end of file
            }

            // A server may answer with less than was asked (the protocol allows it): ask for the rest before going on,
            // so what is written stays one complete prefix.
            while (got < read.Length)
            {
                var rest = reader.Send(read.Offset + got, read.Length - (uint)got, last: true, cancellationToken);
                await rest.Task!.ConfigureAwait(false);
                var more = reader.Write(rest, output, written);
                if (more == 0)
                {
                    throw new SftpTransferException($"{remotePath} ended at {read.Offset + got:N0} bytes, before its listed size {end:N0} (did it shrink on the server?).");
                }

                got += more;
            }
        }
    }

    private static int Write(object reply, SafeFileHandle output, long offset, Action<int> written)
    {
        try
        {
            return Write(SftpFileRequests.AsMemory(reply).Span, output, offset, written);
        }
        finally
        {
            // Newer SSH.NET versions lend the reply from a pool and want it back.
            (reply as IDisposable)?.Dispose();
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

    /// <summary>One read in flight: its task (the task form) or its slot in the reader's replies (the callback form).</summary>
    private readonly record struct Pending(Task? Task, long Sequence, long Offset, uint Length);

    /// <summary>Sends the reads of one open file: most in SSH.NET's callback form (when this SSH.NET version has it),
    /// every <see cref="TakenTogether"/>-th and the last in its task form, which the reader waits on.</summary>
    private sealed class Reader(object session, byte[] handle, int chunk) : IDisposable
    {
        private readonly ReadReplies? _replies = ReadReplies.IsAvailable ? new ReadReplies(session, handle, chunk, InFlight) : null;
        private long _sent;

        public Pending Send(long offset, uint length, bool last, CancellationToken cancellationToken)
        {
            var sequence = _sent++;
            if (_replies is null || last || sequence % TakenTogether == TakenTogether - 1)
            {
                var task = SftpFileRequests.Invoke(SftpFileRequests.Read!, session, handle, (ulong)offset, length, cancellationToken);
                return new Pending(task, sequence, offset, length);
            }

            _replies.Read((ulong)offset, length, sequence);
            return new Pending(null, sequence, offset, length);
        }

        public Task Answered(Pending read) => read.Task ?? _replies!.Answered(read.Sequence);

        /// <summary>Writes an answered read's data to the same offset of <paramref name="output"/>; its length.</summary>
        public int Write(Pending read, SafeFileHandle output, Action<int> written) => read.Task is not null
            ? PipelinedReader.Write(SftpFileRequests.Result(read.Task), output, read.Offset, written)
            : PipelinedReader.Write(_replies!.Data(read.Sequence), output, read.Offset, written);

        public void Dispose() => _replies?.Dispose();
    }
}
