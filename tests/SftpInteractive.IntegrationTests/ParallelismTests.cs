using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// The find walk and recursive get really run over several SSH connections: counted from the operating system's
/// socket table while the job runs and matched to the server log's accepted logins. Runs alone so no other test's
/// connections are counted.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ParallelismTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-parallel-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task Find_WalksTheTreeOverSeveralChannelsOfTheOneLogin()
    {
        var server = TestServer.Require();
        await using var s = await ConnectWarmAsync(server);
        var before = Connections(s, server);
        HashSet<int>? during = null;
        var found = 0;

        await foreach (var _ in s.FindAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots"), new FindOptions { Glob = "*.csv", Parallelism = 4 }, null, Ct))
        {
            during ??= Connections(s, server);
            found++;
        }

        Assert.True(found > 9000);
        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            AssertSeveralNewConnections(s, server, before, during!); // ssh -S channel processes of the one master
            return;
        }

        // SSH.NET: no further TCP connection or login; three more sftp channels on the session's, each of which listed.
        Assert.Equal(before, Connections(s, server));
        var channels = await s.WalkChannelsIfCreated!.RentAsync(3, Ct);
        try
        {
            Assert.Equal(3, channels.Length);
            foreach (var channel in channels)
            {
                Assert.True((await SftpEngines.ForAsync(channel, Ct)).ShortestRoundTrip > TimeSpan.Zero, "a walk channel answered no request");
            }

            Assert.Equal(3, s.WalkChannelsIfCreated.Opened);
        }
        finally
        {
            s.WalkChannelsIfCreated.Return(channels);
        }
    }

    [Fact]
    public async Task GetDirectory_MovesFilesOverSeveralSshConnections()
    {
        var server = TestServer.Require();
        await using var s = await ConnectWarmAsync(server);
        var before = Connections(s, server);
        HashSet<int>? during = null;

        var report = await s.GetDirectoryAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North"), _local.FullName, new TransferOptions { Parallelism = 4 },
            new SyncProgress(_ => during ??= Connections(s, server)), Ct);

        Assert.True(report.Succeeded, string.Join("\n", report.Failures));
        Assert.True(report.Count > 1000);
        AssertSeveralNewConnections(s, server, before, during!);
    }

    /// <summary>The session's SFTP connections: over SSH.NET its TCP connections (by local port); over OpenSSH its one
    /// master (whose own session is the first connection) and the <c>ssh -S</c> channel clients of it (by process id),
    /// since the pool adds channels, not logins.</summary>
    private static HashSet<int> Connections(SftpSession s, TestServer server) =>
        s.Settings.Transport == SftpTransport.OpenSsh ? [.. SshChildProcesses.SftpChannels(), s.OpenSshMasterProcessId!.Value] : SshConnections.OpenTo(server.Port);

    /// <summary>Connects and does one listing first, so the session's own extra channels exist before counting.</summary>
    private static async Task<SftpSession> ConnectWarmAsync(TestServer server)
    {
        var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await s.LsAsync(server.DataRoot, Ct);
        await s.StatAsync(server.DataRoot, Ct);
        return s;
    }

    private static void AssertSeveralNewConnections(SftpSession s, TestServer server, HashSet<int> before, HashSet<int> during)
    {
        Assert.Contains(before, p => during.Contains(p)); // the session's own connection stays open throughout
        var added = during.Except(before).ToList();
        Assert.True(added.Count >= 2, $"expected at least 2 extra SSH connections during the job, saw {added.Count} (before: {string.Join(",", before)}; during: {string.Join(",", during)})");
        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            return; // channels of the session's one master: there is no further login for the server log to show

        }

        var user = server.EnvValue("key", "SFTP_USERNAME");
        Assert.All(added, port => Assert.True(SshConnections.ServerAccepted(server, user, port), $"the server log has no accepted login for {user} from port {port}"));
    }
}
