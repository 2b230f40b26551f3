using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Cut, stalled and slow connections through the fault proxy: errors are clear and bounded in time, and the
/// session reconnects into the same working directory.</summary>
public sealed class ConnectionFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Options that reach the server through the proxy; the host key is pinned because known_hosts names
    /// the server's own port.</summary>
    internal static Action<SftpOptions> ViaProxy(TestServer server, FaultProxy proxy, Action<SftpOptions>? more = null) => o =>
    {
        o.Port = proxy.Port;
        o.HostKeyPolicy = HostKeyPolicy.Pinned;
        o.HostKeyFingerprint = server.HostKeyFingerprint;
        more?.Invoke(o);
    };

    [Fact]
    public async Task CutMidListing_ThenReconnect_RestoresWorkingDirectory()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ViaProxy(server, proxy), Ct);
        await s.CdAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), Ct);

        proxy.CutDownloadAfter(2_000);
        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => s.LsAsync(cancellationToken: Ct));

        Assert.Contains("Reconnect()", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, proxy.Cuts);
        await s.ReconnectAsync(Ct);
        Assert.Equal(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), s.WorkingDirectory);
        Assert.Contains(await s.LsAsync(cancellationToken: Ct), x => x.Name == "wmr1006.csv");
        Assert.Equal(2, proxy.Connections);
    }

    [Fact]
    public async Task StalledPeer_IsDetectedByTheKeepaliveProbeWithinBoundedTime()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ViaProxy(server, proxy, o => o.KeepAliveInterval = TimeSpan.FromSeconds(1)), Ct);
        var watch = Stopwatch.StartNew();

        proxy.Stalled = true;
        while (s.IsConnected && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, Ct);
        }

        Assert.False(s.IsConnected, "the stalled connection was not detected within 20 s");
        FaultFigures.Write($"KEEPALIVE interval_s=1 stalled_peer_detected_after_ms={watch.ElapsedMilliseconds}");
        Assert.Contains("keepalive", s.ConnectionLostReason, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => s.LsAsync(cancellationToken: Ct));
        Assert.Contains("keepalive probe", e.Message, StringComparison.Ordinal);

        proxy.Stalled = false;
        await s.ReconnectAsync(Ct);
        Assert.True(s.IsConnected);
        Assert.Null(s.ConnectionLostReason);
    }

    [Fact]
    public async Task StalledPeer_OperationTimeoutIsReportedClearly()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ViaProxy(server, proxy, o =>
        {
            o.KeepAliveInterval = TimeSpan.Zero;
            o.OperationTimeout = TimeSpan.FromSeconds(2);
        }), Ct);
        var watch = Stopwatch.StartNew();

        proxy.Stalled = true;
        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => s.StatAsync(server.DataRoot, Ct));

        FaultFigures.Write($"TIMEOUT operation_timeout_s=2 stalled_request_reported_after_ms={watch.ElapsedMilliseconds}");
        Assert.Contains("did not answer within 2.0 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_OPERATION_TIMEOUT", e.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ConnectTimeout_StalledHandshake_IsReportedWithTheSetting()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port) { Stalled = true };
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => server.ConnectAsync("key", ViaProxy(server, proxy, o => o.ConnectTimeout = TimeSpan.FromSeconds(2)), Ct));

        FaultFigures.Write($"TIMEOUT connect_timeout_s=2 stalled_handshake_reported_after_ms={watch.ElapsedMilliseconds}");
        Assert.Contains("SFTP_TIMEOUT", e.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SlowLink_StillCompletesCorrectly()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ViaProxy(server, proxy), Ct);

        proxy.BytesPerSecond = 200_000;
        var listing = await s.LsAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history"), Ct);

        Assert.Equal(107, listing.Count(e => e.Name.StartsWith("wmr", StringComparison.Ordinal)));
    }
}
