using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>mkdir -p, rm, rm -r (dry run), mv, chmod, chown and symlink in a scratch folder on the real server.</summary>
public sealed class ManageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mkdir_CreatesMissingParents_AndAcceptsExisting()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);

        var path = await s.MkdirAsync(scratch["a/b/c"], Ct);
        await s.MkdirAsync(scratch["a/b"], Ct);

        Assert.Equal(scratch["a/b/c"], path);
        Assert.True((await s.StatAsync(path, Ct)).IsDirectory);
    }

    [Fact]
    public async Task Mkdir_ThroughAFile_SaysWhichComponentIsInTheWay()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["file"], "x");

        var e = await Assert.ThrowsAsync<SftpInteractiveException>(() => s.MkdirAsync(scratch["file/sub"], Ct));

        Assert.Contains(scratch["file"] + " exists and is not a directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rm_RemovesFiles_RefusesDirectories()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["f.txt"], "hello");
        await s.MkdirAsync(scratch["d"], Ct);

        await s.RmAsync(scratch["f.txt"], Ct);
        var e = await Assert.ThrowsAsync<SftpInteractiveException>(() => s.RmAsync(scratch["d"], Ct));

        Assert.False(await s.ExistsAsync(scratch["f.txt"], Ct));
        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SftpPathNotFoundException>(() => s.RmAsync(scratch["missing"], Ct));
    }

    [Fact]
    public async Task RmRecursive_DryRunListsWithoutRemoving_ThenRemovesDeepestFirst()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.MkdirAsync(scratch["tree/x/y"], Ct);
        s.Client.WriteAllText(scratch["tree/x/y/1.txt"], "12345");
        s.Client.WriteAllText(scratch["tree/2.txt"], "abc");
        await s.SymlinkAsync("/etc", scratch["tree/link-to-etc"], Ct);

        var plan = await s.RmRecursiveAsync(scratch["tree"], dryRun: true, Ct);

        Assert.True(plan.DryRun);
        Assert.Equal(6, plan.Paths.Count);
        Assert.Equal(8, plan.Bytes);
        Assert.Equal(scratch["tree"], plan.Paths[^1]);
        Assert.True(plan.Paths.ToList().IndexOf(scratch["tree/x/y/1.txt"]) < plan.Paths.ToList().IndexOf(scratch["tree/x/y"]));
        Assert.True(await s.ExistsAsync(scratch["tree/x/y/1.txt"], Ct));
        Assert.Contains("dry run", plan.ToText(), StringComparison.Ordinal);

        var done = await s.RmRecursiveAsync(scratch["tree"], cancellationToken: Ct);

        Assert.False(done.DryRun);
        Assert.False(await s.ExistsAsync(scratch["tree"], Ct));
        Assert.True(await s.ExistsAsync("/etc/passwd", Ct)); // the link was removed, not followed
    }

    [Fact]
    public async Task RmRecursive_RootOrHome_IsRefused()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        await Assert.ThrowsAsync<SftpInteractiveException>(() => s.RmRecursiveAsync("/", dryRun: true, Ct));
        await Assert.ThrowsAsync<SftpInteractiveException>(() => s.RmRecursiveAsync("~", dryRun: true, Ct));
    }

    [Fact]
    public async Task Mv_RenamesIntoDirectories_AndOverwritesOnlyWhenAsked()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["a.txt"], "A");
        s.Client.WriteAllText(scratch["b.txt"], "B");
        await s.MkdirAsync(scratch["dir"], Ct);

        var e = await Assert.ThrowsAsync<SftpInteractiveException>(() => s.MvAsync(scratch["a.txt"], scratch["b.txt"], cancellationToken: Ct));
        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
        Assert.Equal("B", s.Client.ReadAllText(scratch["b.txt"]));

        await s.MvAsync(scratch["a.txt"], scratch["b.txt"], overwrite: true, Ct);
        Assert.Equal("A", s.Client.ReadAllText(scratch["b.txt"]));
        Assert.False(await s.ExistsAsync(scratch["a.txt"], Ct));

        await s.MvAsync(scratch["b.txt"], scratch["dir"], cancellationToken: Ct);
        Assert.Equal("A", s.Client.ReadAllText(scratch["dir/b.txt"]));
    }

    [Fact]
    public async Task Chmod_SetsModeBits()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["f"], "x");

        await s.ChmodAsync(scratch["f"], "640", Ct);

        var stat = await s.StatAsync(scratch["f"], Ct);
        Assert.Equal("-rw-r-----", stat.Permissions);
        Assert.Equal("0640", stat.OctalMode);
        Assert.Throws<ArgumentException>(() => s.Chmod(scratch["f"], "rwx"));
    }

    [Fact]
    public async Task Chmod_SomeoneElsesFile_IsPermissionDenied()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => s.ChmodAsync(server.DataRoot, "777", Ct));

        Assert.Contains(server.DataRoot, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chown_ToOwnIdsWorks_ToRootIsDenied()
    {
        var server = TestServer.Require("password");
        await using var s = await server.ConnectAsync("password", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["f"], "x");
        var before = await s.StatAsync(scratch["f"], Ct);

        await s.ChownAsync(scratch["f"], before.UserId, before.GroupId, Ct);
        await Assert.ThrowsAnyAsync<SftpInteractiveException>(() => s.ChownAsync(scratch["f"], 0, 0, Ct));

        Assert.Equal(before.UserId, (await s.StatAsync(scratch["f"], Ct)).UserId);
    }

    [Fact]
    public async Task Rm_SymlinkToAFile_RemovesTheLinkNotTheTarget()
    {
        // Regression: SSH.NET's DeleteFile/RenameFile realpath() the path first, which follows the link and acts
        // on the target. The helper must remove (and rename) the link itself.
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["precious.txt"], "keep me");
        await s.SymlinkAsync(scratch["precious.txt"], scratch["link"], Ct);
        await s.SymlinkAsync(scratch["precious.txt"], scratch["link2"], Ct);

        await s.RmAsync(scratch["link"], Ct);
        await s.MvAsync(scratch["link2"], scratch["renamed-link"], cancellationToken: Ct);

        Assert.False(await s.ExistsAsync(scratch["link"], Ct));
        Assert.Equal(RemoteEntryType.Symlink, (await s.LStatAsync(scratch["renamed-link"], Ct)).Type);
        Assert.Equal("keep me", s.Client.ReadAllText(scratch["precious.txt"]));
    }

    [Fact]
    public async Task Symlink_CreatesALinkThatReadLinkReturns()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["target.txt"], "t");

        await s.SymlinkAsync("target.txt", scratch["link"], Ct);

        Assert.Equal("target.txt", await s.ReadLinkAsync(scratch["link"], Ct));
        Assert.Equal(RemoteEntryType.Symlink, (await s.LStatAsync(scratch["link"], Ct)).Type);
    }
}
