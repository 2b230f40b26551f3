using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary><c>~user</c> in remote paths, expanded by the server (<c>home-directory</c>, OpenSSH 9.2 offers it).</summary>
public sealed class HomeExpansionTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-home-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task LsCdStat_TildeUser_TheServerExpandsItToThatUsersHome()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.TouchAsync(scratch["a.txt"], Ct);
        var mine = "~" + s.Settings.Username + "/" + RemotePath.Name(scratch.Path);

        var listing = await s.LsAsync(mine, Ct);
        var root = await s.StatAsync("~root", Ct);
        var cd = await s.CdAsync(mine, Ct);

        Assert.Equal(scratch.Path, listing.Path);
        Assert.Contains(listing, e => e.Name == "a.txt");
        Assert.Equal("/root", root.Path);
        Assert.Equal(scratch.Path, cd);
    }

    [Fact]
    public async Task ResolvePath_TildeUser_BothFormsAskTheServerForThatHome()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var sync = s.ResolvePath("~" + s.Settings.Username + "/x/../y");
        var async = await s.ResolvePathAsync("~root", Ct);

        Assert.Equal(RemotePath.Combine(s.Home, "y"), sync);
        Assert.Equal("/root", async);
        Assert.Equal(RemotePath.Combine(s.Home, "z"), s.ResolvePath("~/z"));
    }

    [Fact]
    public async Task PutGet_TildeUser_TransfersToAndFromThatUsersHome()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var remote = "~" + s.Settings.Username + "/" + RemotePath.Name(scratch.Path) + "/up.txt";
        var source = Path.Combine(_local.FullName, "up.txt");
        await File.WriteAllTextAsync(source, "tilde", Ct);

        await s.PutAsync(source, remote, cancellationToken: Ct);
        await s.GetAsync(remote, Path.Combine(_local.FullName, "down.txt"), cancellationToken: Ct);

        Assert.True(await s.ExistsAsync(scratch["up.txt"], Ct));
        Assert.Equal("tilde", await File.ReadAllTextAsync(Path.Combine(_local.FullName, "down.txt"), Ct));
    }

    [Fact]
    public async Task Stat_TildeUnknownUser_SaysTheServerKnowsNoSuchUser()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var e = await Assert.ThrowsAnyAsync<SftpInteractiveException>(() => s.StatAsync("~no-such-user-sftpi/x", Ct));

        Assert.Contains("knows no user named \"no-such-user-sftpi\"", e.Message, StringComparison.Ordinal);
    }
}
