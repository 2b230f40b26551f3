using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Owner and group names from <c>users-groups-by-id@openssh.com</c> (OpenSSH 9.2 offers it).</summary>
public sealed class OwnerNamesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_ServerOffersUsersGroupsById_NamesComeFromTheServerWhereTheNameFilesCannotBeRead()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var client = s.Client;

        // A locked-down server: the name files cannot be read (here: they are not where asked).
        var owners = await OwnerNames.LoadAsync(() => client, "/no-such-dir/passwd", "/no-such-dir/group", Ct);
        var engine = await SftpEngines.ForAsync(client, Ct);
        var home = await engine.StatAsync(s.Home, Ct);
        var root = await engine.StatAsync("/", Ct);
        await owners.ResolveAsync([(int)home.UserId, (int)root.UserId], [(int)home.GroupId, (int)root.GroupId], Ct);

        Assert.True(owners.AsksServer);
        Assert.Equal(s.Settings.Username, owners.User((int)home.UserId));
        Assert.Equal("root", owners.User((int)root.UserId));
        Assert.Equal("root", owners.Group((int)root.GroupId));
        Assert.False(int.TryParse(owners.Group((int)home.GroupId), out _));
    }

    [Fact]
    public async Task Resolve_IdTheServerHasNoNameFor_ShowsTheNumber()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var client = s.Client;
        var owners = await OwnerNames.LoadAsync(() => client, "/no-such-dir/passwd", "/no-such-dir/group", Ct);

        await owners.ResolveAsync([0, 1_999_999_999], [1_999_999_998], Ct);

        Assert.Equal("root", owners.User(0));
        Assert.Equal("1999999999", owners.User(1_999_999_999));
        Assert.Equal("1999999998", owners.Group(1_999_999_998));
    }

    [Fact]
    public async Task Ls_ServerOffersUsersGroupsById_TheSessionAsksTheServerForNames()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var listing = await s.LsAsync(RemotePath.Parent(s.Home), Ct);
        var stat = await s.StatAsync(s.Home, Ct);

        Assert.True((await s.OwnerNamesAsync(Ct)).AsksServer);
        Assert.Equal(s.Settings.Username, Assert.Single(listing, e => e.Path == s.Home).Owner);
        Assert.Equal(s.Settings.Username, stat.Owner);
        Assert.False(int.TryParse(stat.Group, out _));
    }
}
