using System.Reflection;
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
    private static readonly Type? SessionInterface = SftpInternals.SessionInterface;
    private static readonly Type? FlagsType = typeof(SftpClient).Assembly.GetType("Renci.SshNet.Sftp.Flags");
    private static readonly MethodInfo? Open = FlagsType is null ? null : SessionInterface?.GetMethod("RequestOpenAsync", [typeof(string), FlagsType, typeof(CancellationToken)]);
    private static readonly MethodInfo? Read = SessionInterface?.GetMethod("RequestReadAsync", [typeof(byte[]), typeof(ulong), typeof(uint), typeof(CancellationToken)]);
    private static readonly MethodInfo? Close = SessionInterface?.GetMethod("RequestCloseAsync", [typeof(byte[]), typeof(CancellationToken)]);
    private static readonly object? ReadFlag = FlagsType is null ? null : Enum.ToObject(FlagsType, 1);

    /// <summary>True when the internal requests exist in this SSH.NET version.</summary>
    public static bool IsAvailable { get; } = SftpInternals.HasSession && Open is not null && Read is not null && Close is not null;

    /// <summary>Reads the whole file (expected to be about <paramref name="expectedSize"/> bytes) into <paramref name="output"/>.</summary>
    public static async Task<long> CopyAsync(SftpClient client, string path, long expectedSize, Stream output, CancellationToken cancellationToken)
    {
        var session = SftpInternals.Session(client) ?? throw new Renci.SshNet.Common.SshConnectionException("Client not connected.");
        var handle = await SftpInternals.AwaitAsync<byte[]>(Open!, session, path, ReadFlag!, cancellationToken).ConfigureAwait(false);
        long total = 0;
        try
        {
            while (true)
            {
                // Ask for one byte more than expected so a single reply usually also proves the end of the file.
                var want = (uint)Math.Clamp(expectedSize - total + 1, 1, SshConnector.BufferSize);
                var reply = await SftpInternals.AwaitAsync<object>(Read!, session, handle, (ulong)total, want, cancellationToken).ConfigureAwait(false);
                try
                {
                    var data = AsMemory(reply);
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
            await ((Task)Close!.Invoke(session, [handle, CancellationToken.None])!).ConfigureAwait(false);
        }
    }

    /// <summary>The bytes of a read reply: a byte[] in older SSH.NET, a pooled ReadOnlyMemoryOwner in 2026.0.0.</summary>
    private static ReadOnlyMemory<byte> AsMemory(object reply) => reply switch
    {
        byte[] bytes => bytes,
        System.Buffers.IMemoryOwner<byte> owner => owner.Memory,
        _ => throw new NotSupportedException($"Unexpected SFTP read reply {reply.GetType().Name}."),
    };
}
