using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Remote commands: output, exit code, duration, working directory and cancellation.</summary>
public sealed class ExecTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_CollectsStdoutStderrExitCodeAndDuration()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var result = await s.RunAsync("echo out; echo err >&2; sleep 0.2; exit 3", Ct);

        Assert.Equal("out\n", result.StdOut);
        Assert.Equal("err\n", result.StdErr);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task Run_StartsInTheWorkingDirectory()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await s.CdAsync(server.DataRoot, Ct);

        var result = await s.RunAsync("pwd", Ct);

        Assert.Equal(server.DataRoot, result.StdOut.Trim());
    }

    [Fact]
    public async Task Run_Cancelled_StopsPromptlyAndSessionStaysUsable()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.RunAsync("sleep 30", cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"cancel took {watch.Elapsed}");
        Assert.Equal("ok\n", (await s.RunAsync("echo ok", Ct)).StdOut);
    }

    [Fact]
    public async Task Run_AmbientSubmissionToken_CancelsSyncCalls()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        using (SftpCancellation.Use(cts.Token))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => s.Run("sleep 30"), Ct));
        }
    }
}
