using System.Globalization;

namespace SftpInteractive.Testing;

/// <summary>
/// One test's window on the bastion's log. The test projects run in parallel and share one bastion, so a test that
/// counts the forwards in its log holds a lock file (across processes: .NET locks a file opened with FileShare.None)
/// from the moment it notes the log's size until it has counted, and so does every test that forwards to the test
/// server through the bastion without counting: the forwards a counting test sees are its own.
/// </summary>
internal sealed class BastionLogWindow : IDisposable
{
    private static readonly TimeSpan LockLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(5);
    private readonly FileStream _lock;
    private readonly string _log;
    private readonly long _start;

    private BastionLogWindow(FileStream held, string log)
    {
        _lock = held;
        _log = log;
        _start = new FileInfo(log).Length;
    }

    /// <summary>Waits (bounded) until no other test process holds the window, then opens it.</summary>
    public static async Task<BastionLogWindow> OpenAsync(TestServer server, CancellationToken cancellationToken)
    {
        var path = Path.Combine(server.StateDir, "bastion-log.lock");
        FileStream? held = null;
        if (!await Poll.UntilAsync(() => TryLock(path, out held), LockLimit, cancellationToken))
        {
            throw new TimeoutException($"another test process held {path} for {LockLimit}.");
        }

        return new BastionLogWindow(held!, server.Facts["SFTPI_TEST_BASTION_LOG"]);
    }

    /// <summary>Forwards to 127.0.0.1:<paramref name="port"/> the bastion logged since the window opened.</summary>
    public int Forwards(int port)
    {
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_start, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var target = $"target 127.0.0.1 port {port.ToString(CultureInfo.InvariantCulture)}";
        return reader.ReadToEnd().Split('\n').Count(l => l.Contains("server_request_direct_tcpip", StringComparison.Ordinal) && l.Contains(target, StringComparison.Ordinal));
    }

    /// <summary>sshd writes its line a moment after the channel opens: the count once it reaches
    /// <paramref name="expected"/>, or what it is after a few seconds.</summary>
    public async Task<int> ForwardsAtLeastAsync(int port, int expected, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(() => Forwards(port) >= expected, LineLimit, cancellationToken);
        return Forwards(port);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private static bool TryLock(string path, out FileStream? held)
    {
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            held = null;
            return false;
        }
    }
}
