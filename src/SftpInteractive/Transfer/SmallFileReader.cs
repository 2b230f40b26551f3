using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Reads a small file in three requests (open, read, close) on SSH.NET's internal SFTP session. The public paths
/// (DownloadFileAsync, SftpFileStream) first ask for the size and allocate a read-ahead of several 64 KiB buffers per
/// file; over thousands of small files that costs more CPU than the data. Reached by reflection on the pinned SSH.NET
/// version; when the members are missing, <see cref="IsAvailable"/> is false and callers use the public path.
/// </summary>
internal static class SmallFileReader
{
    /// <summary>True when the internal requests exist in this SSH.NET version.</summary>
    public static bool IsAvailable { get; } = SftpInternals.HasSession && SftpFileRequests.Open is not null && SftpFileRequests.Read is not null
        && SftpFileRequests.Close is not null;

    /// <summary>Reads the whole file (expected to be about <paramref name="expectedSize"/> bytes) into <paramref name="output"/>.</summary>
    public static async Task<long> CopyAsync(SftpClient client, string path, long expectedSize, Stream output, CancellationToken cancellationToken)
    {
        var session = SftpFileRequests.Session(client);
        var handle = await SftpFileRequests.OpenAsync(session, path, SftpFileRequests.ReadFlags!, cancellationToken).ConfigureAwait(false);
        var completed = false;
        Task? end = null;
        try
        {
            // The expected bytes and, behind them in the same round trip, the read that proves the end of the file
            // (an empty reply): one round trip for the data instead of two. The first goes in SSH.NET's callback form
            // where it can (no registered waits, no hop); the second, in the task form, is what is waited on.
            var expected = (uint)Math.Clamp(expectedSize, 0, SshConnector.BufferSize);
            using var replies = expected > 0 && ReadReplies.IsAvailable ? new ReadReplies(session, handle, (int)expected, 1) : null;
            replies?.Read(0, expected, 0);
            var first = expected > 0 && replies is null ? Read(session, handle, 0, expected, cancellationToken) : null;
            end = Read(session, handle, expected, SshConnector.BufferSize, cancellationToken);
            long total = 0;
            if (replies is not null)
            {
                await SftpFileRequests.Settled(end).ConfigureAwait(false);
                var answered = replies.Answered(0);
                if (!answered.IsCompleted)
                {
                    await end.ConfigureAwait(false); // the connection failed or the get was cancelled before the reply came
                }

                await answered.WaitAsync(cancellationToken).ConfigureAwait(false); // done already; throws its failure
                output.Write(replies.Data(0));
                total = replies.Data(0).Length;
            }
            else if (first is not null)
            {
                total = await WriteAsync(first, output, cancellationToken).ConfigureAwait(false);
            }

            if (total == expected)
            {
                total += await WriteAsync(end, output, cancellationToken).ConfigureAwait(false);
                if (total == expected)
                {
                    completed = true;
                    return total;
                }
            }
            else
            {
                SftpFileRequests.Abandon([end]); // shorter than listed, or a short reply: this read is not next
            }

            // The file is not what its listing said (it grew or shrank): read on from what arrived to its end.
            while (true)
            {
                var got = await WriteAsync(Read(session, handle, (ulong)total, SshConnector.BufferSize, cancellationToken), output, cancellationToken).ConfigureAwait(false);
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
            if (completed && SftpReplyMembers.CanCloseUnanswered)
            {
                SftpReplyMembers.CloseUnanswered(session, handle);
            }
            else if (completed)
            {
                // Nothing waits on a read's close: the server handles requests in order, so it is closed before
                // anything sent after it is answered.
                SftpFileRequests.Abandon([SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, CancellationToken.None)]);
            }
            else
            {
                var close = SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, CancellationToken.None);

                // A failure, or a file shorter than listed: the read past the expected end may still be on its way.
                SftpFileRequests.Abandon(end is null ? [] : [end]);
                await SftpFileRequests.SettleAsync(close, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
    }

    private static Task Read(object session, byte[] handle, ulong offset, uint length, CancellationToken cancellationToken) =>
        SftpFileRequests.Invoke(SftpFileRequests.Read!, session, handle, offset, length, cancellationToken);

    /// <summary>Writes a read's reply to <paramref name="output"/>; its length (0 at the end of the file).</summary>
    private static async Task<long> WriteAsync(Task read, Stream output, CancellationToken cancellationToken)
    {
        await read.ConfigureAwait(false);
        var reply = SftpFileRequests.Result(read);
        try
        {
            var data = SftpFileRequests.AsMemory(reply);
            if (data.Length > 0)
            {
                await output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }

            return data.Length;
        }
        finally
        {
            // Newer SSH.NET versions lend the reply from a pool and want it back.
            (reply as IDisposable)?.Dispose();
        }
    }
}
