using System.Collections.Concurrent;
using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// The pool's connections open in the background right after connect (<c>SFTP_WARM_POOL</c>), so the first tree job
/// finds them ready; never where they would prompt, never leaking past Dispose, failures silent until a job needs them.
/// </summary>
[Collection(nameof(ProcessLog))]
public sealed class PoolWarmUpTests
{
    private const int Warm = SftpPool.DefaultConnections;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Action<SftpOptions> Warming(Action<SftpOptions>? more = null) => o =>
    {
        more?.Invoke(o);
        o.WarmPool = Warm;
    };

    [Fact]
    public async Task Connect_PoolOpensWithoutAUserCall_FirstTreeGetOpensNoConnection()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", Warming(), Ct);
        var local = Directory.CreateTempSubdirectory("sftpi-warm-").FullName;
        try
        {
            var pool = s.PoolIfCreated ?? throw new InvalidOperationException("no pool after connect");
            Assert.True(await Poll.UntilAsync(() => pool.IdleCount == Warm, TimeSpan.FromSeconds(30), Ct), $"{pool.IdleCount} of {Warm} connections opened");
            var report = await s.GetDirectoryAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), local, new TransferOptions { Parallelism = Warm }, cancellationToken: Ct);

            Assert.True(report.Succeeded, string.Join("\n", report.Failures));
            Assert.Equal(Warm, pool.Opened); // the transfer used the warm connections
            Assert.Equal(Warm, pool.IdleCount);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task TreeGet_WhileThePoolIsStillOpening_WaitsForThoseConnectionsInsteadOfOpeningMore()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", Warming(), Ct);
        var local = Directory.CreateTempSubdirectory("sftpi-warm-").FullName;
        try
        {
            var report = await s.GetDirectoryAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), local, new TransferOptions { Parallelism = Warm }, cancellationToken: Ct);

            Assert.True(report.Succeeded, string.Join("\n", report.Failures));
            var pool = s.PoolIfCreated!;
            Assert.Equal(Warm, pool.Opened);
            Assert.Equal(Warm, pool.IdleCount);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Connect_CodeTypedAtThePrompt_NeverWarmsAndNeverPromptsAgain()
    {
        var server = TestServer.Require("totp");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        var asked = new ConcurrentQueue<string>();

        await using var s = await server.ConnectAsync("totp", Warming(o =>
        {
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("totp"), "SFTP_TOTP_SECRET");
            o.Prompt = (prompt, _) =>
            {
                asked.Enqueue(prompt.Request);
                return ValueTask.FromResult<string?>(Totp.Compute(secret, DateTimeOffset.UtcNow));
            };
        }), Ct);

        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            // The code was typed for the session's one login, its ssh master: the pool's connections are channels of
            // it, which ask nothing, so the pool warms.
            var pool = s.PoolIfCreated ?? throw new InvalidOperationException("no pool after connect");
            Assert.True(await Poll.UntilAsync(() => pool.IdleCount == Warm, TimeSpan.FromSeconds(30), Ct), $"{pool.IdleCount} of {Warm} channels opened");
            await s.RunAsync("true", Ct);
            Assert.Equal(["Verification code: "], asked);
            return;
        }

        // The warm-up starts inside ConnectAsync: had it started, the pool would exist and be opening.
        Assert.Null(s.PoolIfCreated);
        await s.StatAsync(".", Ct);
        Assert.Equal(["Verification code: "], asked);
    }

    [Fact]
    public async Task Connect_PasswordTypedAtThePrompt_WarmsWithTheKeptPasswordWithoutAskingAgain()
    {
        // Password typed once (kept for the session), the code from SFTP_TOTP_SECRET: both can be answered unasked.
        var server = TestServer.Require("totp");
        var asked = new ConcurrentQueue<string>();

        await using var s = await server.ConnectAsync("totp", Warming(o =>
        {
            o.EnvFile = AuthenticationTests.WithoutKeys(server.EnvFile("totp"), "SFTP_PASSWORD");
            o.Prompt = (prompt, _) =>
            {
                asked.Enqueue(prompt.Request);
                return ValueTask.FromResult<string?>(server.EnvValue("totp", "SFTP_PASSWORD"));
            };
        }), Ct);

        var pool = s.PoolIfCreated!;
        Assert.True(await Poll.UntilAsync(() => pool.IdleCount == Warm, TimeSpan.FromSeconds(60), Ct), $"{pool.IdleCount} of {Warm} connections opened");
        Assert.Equal(["Password: "], asked);
    }

    [Fact]
    public async Task Dispose_RightAfterConnect_LeavesNoConnectionOpen()
    {
        var server = TestServer.Require("key");
        await using var proxy = new FaultProxy(server.Port);
        var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy, Warming()), Ct);

        s.Dispose();

        // Only this session goes through the proxy. A connection caught in its login closes itself once logged in.
        var pool = s.PoolIfCreated!;
        Assert.True(await Poll.UntilAsync(() => pool.WarmingCount == 0 && SshConnections.OpenTo(proxy.Port).Count == 0, TimeSpan.FromSeconds(30), Ct),
            $"{SshConnections.OpenTo(proxy.Port).Count} connection(s) to the proxy still open, {pool.WarmingCount} still opening");
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public async Task WarmUpFails_ServerStopsAccepting_NothingSurfacesAndJobsGoOn()
    {
        var server = TestServer.Require("key");
        await using var proxy = new FaultProxy(server.Port) { AcceptOnly = 1 };
        var unobserved = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy, Warming()), Ct);
            var pool = s.PoolIfCreated!;
            Assert.True(await Poll.UntilAsync(() => pool.WarmingCount == 0, TimeSpan.FromSeconds(30), Ct), "the warm-up did not end");
            if (s.Settings.Transport == SftpTransport.OpenSsh)
            {
                // A server that takes one connection still gets the whole pool: its connections are channels of the
                // session's one login (the ssh master), so the proxy sees one connection and refuses none.
                Assert.True(await Poll.UntilAsync(() => pool.IdleCount == Warm, TimeSpan.FromSeconds(30), Ct), $"{pool.IdleCount} of {Warm} channels opened");
                Assert.Equal((1, 0), (proxy.Connections, proxy.Refused));
                Assert.NotEmpty(await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "*.csv", MaxDepth = 2 }, Ct));
                return;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();

            Assert.True(proxy.Refused >= Warm, $"{proxy.Refused} connections refused");
            Assert.DoesNotContain(unobserved, e => e.ToString().Contains(proxy.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.True(s.IsConnected);
            await s.StatAsync(".", Ct); // the session's own connection is untouched

            // A search needs no further connection: its other workers list on channels of the session's own.
            var found = await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "*.csv", MaxDepth = 2, Parallelism = Warm }, Ct);
            Assert.NotEmpty(found);
            Assert.Equal(0, pool.Opened);
            // A walk this small may end before its channels are up: they finish opening and wait for the next walk.
            Assert.True(await Poll.UntilAsync(() => s.WalkChannelsIfCreated?.IdleCount == Warm - 1, TimeSpan.FromSeconds(30), Ct),
                $"{s.WalkChannelsIfCreated?.IdleCount} of {Warm - 1} walk channels idle");

            proxy.AcceptOnly = null; // the server is back: the next tree transfer opens its connections
            var local = Directory.CreateTempSubdirectory("sftpi-warm-").FullName;
            try
            {
                var report = await s.GetDirectoryAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), local, new TransferOptions { Parallelism = Warm }, cancellationToken: Ct);
                Assert.True(report.Succeeded, string.Join("\n", report.Failures));
                Assert.Equal(Warm, pool.IdleCount);
            }
            finally
            {
                Directory.Delete(local, recursive: true);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    [Fact]
    public async Task SftpLogInfo_WarmUp_SaysWhyMoreConnectionsOpen()
    {
        var server = TestServer.Require("key");
        var lines = new ConcurrentQueue<string>();
        var previous = SftpLog.Writer;
        SftpLog.Writer = lines.Enqueue;
        try
        {
            await using var s = await server.ConnectAsync("key", Warming(o => o.Environment = new Dictionary<string, string> { ["SFTP_LOG"] = "info" }), Ct);
            var pool = s.PoolIfCreated!;
            Assert.True(await Poll.UntilAsync(() => pool.IdleCount == Warm, TimeSpan.FromSeconds(30), Ct), $"{pool.IdleCount} of {Warm} connections opened");

            Assert.Contains(lines, l => l.Contains($"info: sftpi: pool: opening {Warm} connections in the background", StringComparison.Ordinal));
        }
        finally
        {
            SftpLog.ApplySetting(SftpLogLevel.Off);
            SftpLog.Writer = previous;
        }
    }
}
