using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Many sessions opened and closed: file descriptors, threads and memory must come back. CI runs a smaller
/// count (SFTPI_LOAD_CYCLES, default 100); the benchmark runs the full 500.</summary>
[Collection(nameof(RunsAlone))]
public sealed class LoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static (int Fds, int Threads, long Bytes) Resources()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (Directory.GetFiles("/proc/self/fd").Length, self.Threads.Count, GC.GetTotalMemory(forceFullCollection: true));
    }

    [Fact]
    public async Task ConnectDisconnectCycles_LeakNoHandlesThreadsOrMemory()
    {
        var server = TestServer.Require();
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("SFTPI_LOAD_CYCLES"), out var n) ? n : 100;

        // Warm up: the first connections load code and fill pools that are not leaks.
        for (var i = 0; i < 5; i++)
        {
            await using var warm = await server.ConnectAsync("key", cancellationToken: Ct);
            await warm.StatAsync(".", Ct);
        }

        var before = Resources();
        for (var i = 0; i < cycles; i++)
        {
            await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
            await s.StatAsync(".", Ct);
            if (i % 10 == 0)
            {
                await s.RunAsync("true", Ct); // the exec connection must be released too
            }
        }

        await Task.Delay(500, Ct); // let closed sockets and timers finish
        var after = Resources();

        TestContext.Current.SendDiagnosticMessage($"{cycles} cycles: fds {before.Fds}->{after.Fds}, threads {before.Threads}->{after.Threads}, managed {before.Bytes / 1024} KiB->{after.Bytes / 1024} KiB");
        Assert.True(after.Fds - before.Fds <= 10, $"file descriptors grew from {before.Fds} to {after.Fds} over {cycles} cycles");
        Assert.True(after.Threads - before.Threads <= 10, $"threads grew from {before.Threads} to {after.Threads} over {cycles} cycles");
        Assert.True(after.Bytes - before.Bytes < 16 * 1024 * 1024, $"managed memory grew from {before.Bytes} to {after.Bytes} over {cycles} cycles");
    }
}
