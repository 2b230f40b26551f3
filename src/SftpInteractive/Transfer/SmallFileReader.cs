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
        long total = 0;
        try
        {
            while (true)
            {
                // Ask for one byte more than expected so a single reply usually also proves the end of the file.
                var want = (uint)Math.Clamp(expectedSize - total + 1, 1, SshConnector.BufferSize);
                var reply = await SftpInternals.AwaitAsync<object>(SftpFileRequests.Read!, session, handle, (ulong)total, want, cancellationToken).ConfigureAwait(false);
                try
                {
                    var data = SftpFileRequests.AsMemory(reply);
                    if (data.Length == 0)
                    {
                        return total;
                    }

                    await output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    total += data.Length;
                }
                finally
                {
                    // Newer SSH.NET versions lend the reply from a pool and want it back.
                    (reply as IDisposable)?.Dispose();
                }
            }
        }
        finally
        {
            await SftpFileRequests.Invoke(SftpFileRequests.Close!, session, handle, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
