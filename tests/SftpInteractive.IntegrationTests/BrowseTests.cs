using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>pwd, cd, ls, stat, lstat, exists, readlink, df and their errors on the real sample tree.</summary>
public sealed class BrowseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ls_DataRoot_ShowsTheSampleTreeWithRichEntries()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var listing = await s.LsAsync(server.DataRoot, Ct);

        var wmr = Assert.Single(listing, e => e.Name == "WMR_Spots");
        Assert.Equal(RemoteEntryType.Directory, wmr.Type);
        Assert.StartsWith("d", wmr.Permissions, StringComparison.Ordinal);
        Assert.Equal(RemotePath.Combine(server.DataRoot, "WMR_Spots"), wmr.Path);
        Assert.DoesNotContain(listing, e => e.Name is "." or "..");
        Assert.Equal(listing.Names.Order(StringComparer.Ordinal), listing.Names);
        Assert.Contains("WMR_Spots/", listing.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_ShowsOwnerNamesFromTheServer()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);

        var listing = await s.LsAsync(server.DataRoot, Ct);

        Assert.Contains(listing, e => e.Owner == "root");
    }

    [Fact]
    public async Task CdAndPwd_RelativePathsFollowTheWorkingDirectory()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        await s.CdAsync(server.DataRoot, Ct);
        await s.CdAsync("WMR_Spots", Ct);

        Assert.Equal(RemotePath.Combine(server.DataRoot, "WMR_Spots"), s.Pwd());
        Assert.NotEmpty(await s.LsAsync(cancellationToken: Ct));
        await s.CdAsync("..", Ct);
        Assert.Equal(server.DataRoot, s.WorkingDirectory);
        await s.CdAsync("~", Ct);
        Assert.Equal(s.Home, s.WorkingDirectory);
    }

    [Fact]
    public async Task Cd_ToAFile_IsRefusedAndCwdStays()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var file = (await FirstCsvAsync(s, server)).Path;

        var e = await Assert.ThrowsAsync<SftpInteractiveException>(() => s.CdAsync(file, Ct));

        Assert.Contains("Not a directory", e.Message, StringComparison.Ordinal);
        Assert.Equal(s.Home, s.WorkingDirectory);
    }

    [Fact]
    public async Task StatLStatReadLink_DistinguishLinksFromTargets()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var link = RemotePath.Combine(server.DataRoot, "latest");

        var lstat = await s.LStatAsync(link, Ct);
        var stat = await s.StatAsync(link, Ct);
        var target = await s.ReadLinkAsync(link, Ct);

        Assert.Equal(RemoteEntryType.Symlink, lstat.Type);
        Assert.Equal(RemoteEntryType.Directory, stat.Type);
        Assert.Contains("WMR_Spots", target, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SftpInteractiveException>(() => s.ReadLinkAsync(server.DataRoot, Ct));
    }

    [Fact]
    public async Task Stat_File_HasSizeAndTime()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var csv = await FirstCsvAsync(s, server);

        var stat = await s.StatAsync(csv.Path, Ct);

        Assert.Equal(RemoteEntryType.File, stat.Type);
        Assert.True(stat.Size > 0);
        Assert.Equal(csv.Size, stat.Size);
        Assert.True(stat.ModifiedUtc > new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Exists_TrueForFilesDirsAndLinks_FalseForMissing()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        Assert.True(await s.ExistsAsync(server.DataRoot, Ct));
        Assert.True(await s.ExistsAsync(RemotePath.Combine(server.DataRoot, "latest"), Ct));
        Assert.False(await s.ExistsAsync(RemotePath.Combine(server.DataRoot, "no-such-thing"), Ct));
    }

    [Fact]
    public async Task Ls_MissingPath_ThrowsPathNotFoundWithThePath()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var missing = RemotePath.Combine(server.DataRoot, "nope/never");

        var e = await Assert.ThrowsAsync<SftpPathNotFoundException>(() => s.LsAsync(missing, Ct));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.True(s.IsConnected);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
    }

    [Fact]
    public async Task Ls_LockedDirectory_ThrowsPermissionDeniedAndSessionStaysUsable()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);
        var locked = RemotePath.Combine(server.DataRoot, "restricted/locked");

        var e = await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => s.LsAsync(locked, Ct));

        Assert.Contains(locked, e.Message, StringComparison.Ordinal);
        Assert.Contains("sftpi-pass", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
    }

    [Fact]
    public async Task Df_ReportsCapacity()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var df = await s.DfAsync(cancellationToken: Ct);

        Assert.True(df.TotalBytes > 0);
        Assert.InRange(df.AvailableBytes, 0, df.TotalBytes);
        Assert.Contains("Use%", df.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ShowsNegotiatedAlgorithmsAndMasksSecrets()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);

        var explanation = s.Explain();
        var text = explanation.ToText() + explanation.ToHtml();

        Assert.Contains("OpenSSH", explanation["Server version"], StringComparison.Ordinal);
        Assert.StartsWith("aes128-gcm@openssh.com", explanation["Cipher (out / in)"], StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, explanation["Host key"], StringComparison.Ordinal);
        Assert.Contains("posix-rename@openssh.com", explanation.Extensions);
        Assert.Contains(".env", text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_AfterTheConnectionDrops_RestoresWorkingDirectory()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await s.CdAsync(server.DataRoot, Ct);

        if (s.OpenSshMasterProcessId is { } master)
        {
            // Over OpenSSH the session's connection is its ssh master (s.Client would be a second, SSH.NET login).
            using var process = System.Diagnostics.Process.GetProcessById(master);
            process.Kill();
            Assert.True(await Poll.UntilAsync(() => !s.IsConnected, TimeSpan.FromSeconds(10), Ct), "the session did not see its master end");
        }
        else
        {
            s.Client.Disconnect();
        }

        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => s.LsAsync(cancellationToken: Ct));
        Assert.Contains("Reconnect()", e.Message, StringComparison.Ordinal);

        await s.ReconnectAsync(Ct);
        Assert.Equal(server.DataRoot, s.WorkingDirectory);
        Assert.Contains(await s.LsAsync(cancellationToken: Ct), x => x.Name == "WMR_Spots");
    }

    internal static async Task<RemoteEntry> FirstCsvAsync(SftpSession s, TestServer server)
    {
        var regions = await s.LsAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots"), Ct);
        foreach (var region in regions.Directories)
        {
            var history = RemotePath.Combine(region.Path, "history");
            if (await s.ExistsAsync(history, Ct))
            {
                return (await s.LsAsync(history, Ct)).Files.First(f => f.Name.EndsWith(".csv", StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException("no sample CSV found");
    }
}
