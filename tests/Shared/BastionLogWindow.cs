using System.Diagnostics;

namespace SftpInteractive.Testing;

/// <summary>
/// One test's window on the bastion's log. The test projects run in parallel and share one bastion, so a test that
/// counts the forwards in its log holds a lock file (across processes: .NET locks a file opened with FileShare.None)
/// from the moment it notes the log's size until it has counted: the forwards it sees are its own.
/// </summary>
internal sealed class BastionLogWindow : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly FileStream _lock;

    private BastionLogWindow(FileStream held, string log)
    {
        _lock = held;
        Log = log;
        Start = new FileInfo(log).Length;
    }

    /// <summary>The bastion's log file.</summary>
    public string Log { get; }

    /// <summary>The log's size when the window opened: the test's own lines come after it.</summary>
    public long Start { get; }

    /// <summary>Waits (bounded) until no other test process holds the window, then opens it.</summary>
    public static async Task<BastionLogWindow> OpenAsync(TestServer server, CancellationToken cancellationToken)
    {
        var path = Path.Combine(server.StateDir, "bastion-log.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new BastionLogWindow(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), server.Facts["SFTPI_TEST_BASTION_LOG"]);
            }
            catch (IOException) when (waited.Elapsed < Limit)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
