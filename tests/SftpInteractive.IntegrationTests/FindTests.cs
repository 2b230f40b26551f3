using System.Text.RegularExpressions;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>FindAsync filters checked against the same tree read directly from the local file system.</summary>
public sealed class FindTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EnumerationOptions NoLinks = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    private static List<string> LocalFiles(string root, Func<FileInfo, bool> keep) =>
        new DirectoryInfo(root).EnumerateFiles("*", NoLinks).Where(keep).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Find_NameGlob_FindsEveryCopy()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var result = await s.FindAllAsync(server.DataRoot, "wmr1006.csv", Ct);

        var expected = LocalFiles(RemotePath.Combine(server.DataRoot, "WMR_Spots"), f => f.Name == "wmr1006.csv");
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected, result.Paths);
        Assert.Contains("matches", result.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_ServerTakesNoFurtherLogin_TheWalkNeedsNone()
    {
        // Servers that allow one connection per user exist. The walk's other workers list on more channels of the
        // session's one connection (SSH.NET: channels the walk opens; OpenSSH: the pool's, channels of its ssh master),
        // so the server sees one connection and refuses none, and the walk still runs on four channels.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port) { AcceptOnly = 1 };
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);

        var result = await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "wmr1006.csv", Parallelism = 4 }, Ct);

        Assert.Equal(LocalFiles(RemotePath.Combine(server.DataRoot, "WMR_Spots"), f => f.Name == "wmr1006.csv"), result.Paths);
        Assert.True(await Poll.UntilAsync(() => WalkChannels(s)?.IdleCount == 3, TimeSpan.FromSeconds(30), Ct), "the walk's channels did not open");
        Assert.Equal((1, 0), (proxy.Connections, proxy.Refused));
    }

    [Fact]
    public async Task Find_FurtherLoginsHang_TheWalkWaitsForNone()
    {
        // A further connection that would never get past its handshake (an overloaded server's MaxStartups) costs the
        // walk nothing: it opens no further connection.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy, o => o.ConnectTimeout = TimeSpan.FromMinutes(5)), Ct);
        proxy.HoldNewConnections = true;

        var result = await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "wmr1006.csv", Parallelism = 4 }, Ct);

        Assert.Equal(LocalFiles(RemotePath.Combine(server.DataRoot, "WMR_Spots"), f => f.Name == "wmr1006.csv"), result.Paths);
        Assert.True(await Poll.UntilAsync(() => WalkChannels(s)?.IdleCount == 3, TimeSpan.FromSeconds(30), Ct), "the walk's channels did not open");
        Assert.Equal((1, 0), (proxy.Connections, proxy.Held));
    }

    [Fact]
    public async Task Find_MoreWorkersThanAConnectionTakesChannels_UsesThoseItGetsAndFindsEverything()
    {
        // Sixteen workers want fifteen more channels. SSH.NET lets ten be open on a connection and waits, with no time
        // limit, for one to close before it opens the eleventh: the walk goes on with those it gets instead of hanging,
        // and a second walk reuses them.
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var expected = LocalFiles(RemotePath.Combine(server.DataRoot, "WMR_Spots"), f => f.Name == "wmr1006.csv");

        var first = await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "wmr1006.csv", Parallelism = 16 }, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        var second = await s.FindAllAsync(server.DataRoot, new FindOptions { Glob = "wmr1006.csv", Parallelism = 16 }, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(expected, first.Paths);
        Assert.Equal(expected, second.Paths);
        var channels = WalkChannels(s)!;
        // SSH.NET: nine of its ten for our channels (one kept for its own SFTP session), one of them the session's.
        // OpenSSH: the test server's MaxSessions is 50, so all fifteen.
        Assert.Equal(s.Settings.Transport == SftpTransport.OpenSsh ? 15 : 8, channels.IdleCount);
        Assert.Equal(channels.IdleCount, channels.Opened); // the second walk opened none more
    }

    // The pool a walk's extra workers came from: the walk's channels on SSH.NET, the pool (ssh master channels) on OpenSSH.
    private static SftpPool? WalkChannels(SftpSession s) => s.Settings.Transport == SftpTransport.OpenSsh ? s.PoolIfCreated : s.WalkChannelsIfCreated;

    [Fact]
    public async Task Find_PathGlobAndRegex_MatchTheLocalTree()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var root = RemotePath.Combine(server.DataRoot, "WMR_Spots");

        var glob = await s.FindAllAsync(root, "**/history/wmr1*.csv", Ct);
        var regex = await s.FindAllAsync(root, new FindOptions { Regex = @"^(North|South)/history/wmr10\d\d\.csv$" }, Ct);

        Assert.Equal(LocalFiles(root, f => f.Directory!.Name == "history" && f.Name.StartsWith("wmr1", StringComparison.Ordinal) && f.Extension == ".csv"), glob.Paths);
        Assert.Equal(LocalFiles(root, f => Regex.IsMatch(Path.GetRelativePath(root, f.FullName), @"^(North|South)/history/wmr10\d\d\.csv$")), regex.Paths);
        Assert.NotEmpty(regex);
    }

    [Fact]
    public async Task Find_TypeAndDepth_ListOnlyTopFolders()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var dirs = await s.FindAllAsync(server.DataRoot, new FindOptions { Type = RemoteEntryType.Directory, MaxDepth = 1 }, Ct);
        var deep = await s.FindAllAsync(server.DataRoot, new FindOptions { Type = RemoteEntryType.Directory, MinDepth = 3, MaxDepth = 3 }, Ct);

        var expected = new DirectoryInfo(server.DataRoot).EnumerateDirectories().Where(d => d.LinkTarget is null).Select(d => d.FullName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, dirs.Paths);
        Assert.NotEmpty(deep);
        Assert.All(deep, e => Assert.Equal(4, e.Path[server.DataRoot.Length..].Count(c => c == '/') + 1));
    }

    [Fact]
    public async Task Find_SizeAndMtime_Filter()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var after = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var large = await s.FindAllAsync(server.DataRoot, new FindOptions { MinSize = 1 << 20, Type = RemoteEntryType.File }, Ct);
        var small = await s.FindAllAsync(server.DataRoot, new FindOptions { MaxSize = 0, Type = RemoteEntryType.File }, Ct);
        var recent = await s.FindAllAsync(server.DataRoot, new FindOptions { ModifiedAfter = after, Type = RemoteEntryType.File }, Ct);
        var old = await s.FindAllAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots"), new FindOptions { ModifiedBefore = after, Glob = "*.csv", MaxDepth = 3 }, Ct);

        Assert.Equal(LocalFiles(server.DataRoot, f => f.Length >= 1 << 20), large.Paths);
        Assert.Equal(LocalFiles(server.DataRoot, f => f.Length == 0 && !f.FullName.Contains("/restricted/", StringComparison.Ordinal)), small.Paths);
        Assert.Equal(LocalFiles(server.DataRoot, f => f.LastWriteTimeUtc >= after && !f.FullName.Contains("/restricted/", StringComparison.Ordinal)), recent.Paths);
        Assert.NotEmpty(old);
        Assert.All(old, e => Assert.True(e.ModifiedUtc < after));
    }

    [Fact]
    public async Task Find_UnreadableFolder_IsCollectedAndTheRestIsSearched()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var errors = new List<PathError>();
        var found = new List<RemoteEntry>();

        await foreach (var e in s.FindAsync(server.DataRoot, "*.csv", errors, Ct))
        {
            found.Add(e);
        }

        var error = Assert.Single(errors);
        Assert.Equal(RemotePath.Combine(server.DataRoot, "restricted/locked"), error.Path);
        Assert.Contains("Permission denied", error.Message, StringComparison.Ordinal);
        Assert.True(found.Count > 9000);
        Assert.Contains(found, e => e.IsSymlink && e.Name == "latest.csv");
    }

    [Fact]
    public async Task FindAsync_BreakAndCancel_StopTheWalk()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await foreach (var first in s.FindAsync(server.DataRoot, "*.csv", cancellationToken: Ct))
        {
            Assert.EndsWith(".csv", first.Name, StringComparison.Ordinal);
            break;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in s.FindAsync(server.DataRoot, cancellationToken: cts.Token))
            {
                if (++seen == 100)
                {
                    await cts.CancelAsync();
                }
            }
        });
        Assert.True(s.IsConnected);
        Assert.NotEmpty(s.Find(server.DataRoot, "README.txt"));
    }
}
