using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Touch on the real server, through the session and through the preloaded verb generated from it.</summary>
public sealed class TouchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Touch_MissingFile_CreatesItEmpty()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);

        var entry = await s.TouchAsync(scratch["new.txt"], Ct);

        Assert.True(entry.IsFile);
        Assert.Equal(0, entry.Size);
        Assert.Equal(scratch["new.txt"], entry.Path);
        Assert.Equal(string.Empty, await s.ReadTextAsync(scratch["new.txt"], cancellationToken: Ct));
    }

    [Fact]
    public async Task Touch_ExistingFile_KeepsItsContentAndSetsItsModificationTimeToNow()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["old.txt"], "hello");
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        await s.SetModifiedAsync(scratch["old.txt"], old, Ct);
        var before = DateTime.UtcNow.AddMinutes(-5);

        var entry = s.Touch(scratch["old.txt"]);

        Assert.Equal(5, entry.Size);
        Assert.True(entry.ModifiedUtc > before, $"modified {entry.ModifiedUtc:O} is not now");
        Assert.Equal("hello", await s.ReadTextAsync(scratch["old.txt"], cancellationToken: Ct));
    }

    [Fact]
    public async Task SetModified_LinkWithoutFollowing_ChangesTheLinkNotItsTarget()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        s.Client.WriteAllText(scratch["target.txt"], "hello");
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        var linkTime = new DateTime(2010, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        var followed = new DateTime(2015, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await s.SetModifiedAsync(scratch["target.txt"], old, Ct);
        await s.SymlinkAsync(scratch["target.txt"], scratch["link"], Ct);

        await s.SetModifiedAsync(scratch["link"], linkTime, followLinks: false, Ct);
        var afterLink = (await s.LsAsync(scratch.Path, Ct)).ToDictionary(e => e.Name);
        await s.SetModifiedAsync(scratch["link"], followed, Ct);
        var afterFollowing = (await s.LsAsync(scratch.Path, Ct)).ToDictionary(e => e.Name);

        Assert.True(afterLink["link"].IsSymlink);
        Assert.Equal(linkTime, afterLink["link"].ModifiedUtc);
        Assert.Equal(old, afterLink["target.txt"].ModifiedUtc);
        Assert.Equal(followed, afterFollowing["target.txt"].ModifiedUtc);
        Assert.Equal(linkTime, afterFollowing["link"].ModifiedUtc);
    }

    [Fact]
    public async Task TouchVerb_ActsOnTheCurrentSession_WithRelativePaths()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var verbs = new SftpVerbs { Session = s };
        verbs.Cd(scratch.Path);

        var entry = verbs.Touch("by-verb.txt");
        var again = await verbs.TouchAsync("by-verb.txt", Ct);

        Assert.Equal(scratch["by-verb.txt"], entry.Path);
        Assert.True(again.IsFile);
        Assert.True(verbs.Exists("by-verb.txt"));
        Assert.Contains(VerbCatalog.For(typeof(SftpVerbs)), v => v.Name == "Touch" && v.Usage == "Touch(path) / TouchAsync(...)");
    }
}
