using System.Reflection;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// The file requests of SSH.NET's internal SFTP session (open, read, write, close) that the pipelined readers and
/// writers send themselves, looked up once by reflection on the pinned SSH.NET version. When a member is missing the
/// callers' <c>IsAvailable</c> is false and they use SSH.NET's public paths.
/// </summary>
internal static class SftpFileRequests
{
    private static readonly Type? SessionInterface = SftpInternals.SessionInterface;
    private static readonly Type? FlagsType = typeof(SftpClient).Assembly.GetType("Renci.SshNet.Sftp.Flags");

    /// <summary>SSH.NET's default read-ahead per file: its DownloadFileAsync keeps up to 100 reads outstanding.</summary>
    public const int ReadsInFlight = 100;

    /// <summary>Write requests outstanding per writer: OpenSSH sftp's default (<c>-R 64</c>).</summary>
    public const int WritesInFlight = 64;

    public static readonly MethodInfo? Open = FlagsType is null ? null : SessionInterface?.GetMethod("RequestOpenAsync", [typeof(string), FlagsType, typeof(CancellationToken)]);
    public static readonly MethodInfo? Read = SessionInterface?.GetMethod("RequestReadAsync", [typeof(byte[]), typeof(ulong), typeof(uint), typeof(CancellationToken)]);
    public static readonly MethodInfo? Write = SessionInterface?.GetMethod("RequestWriteAsync", [typeof(byte[]), typeof(ulong), typeof(byte[]), typeof(int), typeof(int), typeof(CancellationToken)]);
    public static readonly MethodInfo? Close = SessionInterface?.GetMethod("RequestCloseAsync", [typeof(byte[]), typeof(CancellationToken)]);
    public static readonly MethodInfo? WriteLength = SessionInterface?.GetMethod("CalculateOptimalWriteLength", [typeof(uint), typeof(byte[])]);
    public static readonly MethodInfo? ReadLength = SessionInterface?.GetMethod("CalculateOptimalReadLength", [typeof(uint)]);

    /// <summary>Open flags: read.</summary>
    public static readonly object? ReadFlags = Flags(0x01);

    /// <summary>Open flags: write, create or open; keeps what is there (a resume's prefix, the other ranges' bytes).</summary>
    public static readonly object? WriteFlags = Flags(0x02 | 0x08);

    /// <summary>Open flags: write, create or open, truncate: starts afresh.</summary>
    public static readonly object? TruncateFlags = Flags(0x02 | 0x08 | 0x10);

    /// <summary>The internal session of a connected client.</summary>
    /// <exception cref="Renci.SshNet.Common.SshConnectionException">The client is not connected.</exception>
    public static object Session(SftpClient client) =>
        SftpInternals.Session(client) ?? throw new Renci.SshNet.Common.SshConnectionException("Client not connected.");

    /// <summary>Opens <paramref name="path"/> with <paramref name="flags"/>; the server's handle.</summary>
    public static Task<byte[]> OpenAsync(object session, string path, object flags, CancellationToken cancellationToken) =>
        SftpInternals.AwaitAsync<byte[]>(Open!, session, path, flags, cancellationToken);

    /// <summary>Sends one request; its task (a failure to send becomes a failed task).</summary>
    public static Task Invoke(MethodInfo method, object session, params object[] args)
    {
        try
        {
            return (Task)method.Invoke(session, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Task.FromException(e.InnerException);
        }
    }

    /// <summary>The result of a finished request task whose result type is internal to SSH.NET.</summary>
    public static object Result(Task task) => task.GetType().GetProperty("Result")!.GetValue(task)!;

    /// <summary>The bytes of a read reply: a byte[] in older SSH.NET, a pooled memory owner in 2026.0.0.</summary>
    public static ReadOnlyMemory<byte> AsMemory(object reply) => reply switch
    {
        byte[] bytes => bytes,
        System.Buffers.IMemoryOwner<byte> owner => owner.Memory,
        _ => throw new NotSupportedException($"Unexpected SFTP read reply {reply.GetType().Name}."),
    };

    /// <summary>Completes when <paramref name="task"/> does, failed or not (its failure is thrown where it is awaited).</summary>
    public static Task Settled(Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// The server answers requests on one connection in order, so once a close is answered every request sent before
    /// it is done. A dead connection fails at once; a stalled one is given up after <paramref name="timeout"/>.
    /// </summary>
    public static async Task SettleAsync(Task close, TimeSpan timeout)
    {
        try
        {
            await close.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Abandon([close]);
        }
    }

    /// <summary>After a failure the outstanding requests still complete (or fail with the connection); observe them so
    /// their errors are not reported as unobserved, without waiting for them.</summary>
    public static void Abandon(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static object? Flags(int value) => FlagsType is null ? null : Enum.ToObject(FlagsType, value);
}
