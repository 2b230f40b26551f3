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
        var completed = false;
        try
        {
            var chunk = (uint)SftpFileRequests.ReadLength!.Invoke(session, [SshConnector.BufferSize])!;
            var next = start;
            var checkedEnd = !toEnd;
            while (true)
            {
                while (pending.Count < InFlight && (next < end || !checkedEnd))
                {
                    var length = next < end ? (uint)Math.Min(chunk, end - next) : chunk;
                    checkedEnd |= next >= end;
                    pending.Enqueue(new Pending(Request(session, handle, next, length, cancellationToken), next, length));
                    next += length;
                }

                if (pending.Count == 0)
                {
                    break;
                }

                await TakeAsync(session, handle, pending, output, remotePath, end, written, cancellationToken).ConfigureAwait(false);
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
                SftpFileRequests.Abandon([.. pending.Select(p => p.Task), close]);
            }
        }
    }

    /// <summary>Writes the oldest replies in order: it waits for the last of a batch first (the server answers in
    /// order, so the earlier ones are then there too) and wakes once per batch, not once per reply.</summary>
    private static async Task TakeAsync(object session, byte[] handle, Queue<Pending> pending, SafeFileHandle output, string remotePath, long end,
        Action<int> written, CancellationToken cancellationToken)
    {
        var count = Math.Min(TakenTogether, pending.Count);
        await SftpFileRequests.Settled(pending.ElementAt(count - 1).Task).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var (task, offset, length) = pending.Peek();
            await task.ConfigureAwait(false); // done already; throws its failure, oldest first
            pending.Dequeue();
            var got = Write(SftpFileRequests.Result(task), output, offset, written);
            if (offset >= end)
            {
                continue; // the check past the end: an empty reply is the expected end of file
            }

            // A server may answer with less than was asked (the protocol allows it): ask for the rest before going on,
            // so what is written stays one complete prefix.
            while (got < length)
            {
                var rest = Request(session, handle, offset + got, length - (uint)got, cancellationToken);
                await rest.ConfigureAwait(false);
                var more = Write(SftpFileRequests.Result(rest), output, offset + got, written);
                if (more == 0)
                {
                    throw new SftpTransferException($"{remotePath} ended at {offset + got:N0} bytes, before its listed size {end:N0} (did it shrink on the server?).");
                }

                got += more;
            }
        }
    }

    private static int Write(object reply, SafeFileHandle output, long offset, Action<int> written)
    {
        try
        {
            var data = SftpFileRequests.AsMemory(reply);
            if (data.Length > 0)
            {
                // A synchronous write: it lands in the page cache, and an async file write is a thread-pool hop per reply.
                RandomAccess.Write(output, data.Span, offset);
                written(data.Length);
            }

            return data.Length;
        }
        finally
        {
            // Newer SSH.NET versions lend the reply from a pool and want it back.
            (reply as IDisposable)?.Dispose();
        }
    }

    private static Task Request(object session, byte[] handle, long offset, uint length, CancellationToken cancellationToken) =>
        SftpFileRequests.Invoke(SftpFileRequests.Read!, session, handle, (ulong)offset, length, cancellationToken);

    private readonly record struct Pending(Task Task, long Offset, uint Length);
}
