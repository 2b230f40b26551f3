using SftpInteractive.Scripting;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests;

public sealed class CompletionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complete_GlobalVerbPrefix_OffersHelperMethods()
    {
        await using var engine = new ScriptEngine();
        var list = await engine.CompleteAsync("Ls", 2, Token);
        Assert.Contains(list.Items, i => i.Text == "Ls");
        Assert.Contains(list.Items, i => i.Text == "LsAsync");
        Assert.Equal(0, list.Start);
        Assert.Equal(2, list.End);
    }

    [Fact]
    public async Task Complete_MemberAccess_OffersMembers()
    {
        await using var engine = new ScriptEngine();
        var code = "\"abc\".ToUp";
        var list = await engine.CompleteAsync(code, code.Length, Token);
        Assert.Contains(list.Items, i => i.Text == "ToUpper");
        Assert.DoesNotContain(list.Items, i => i.Text == "Length");
    }

    [Fact]
    public async Task Complete_LocalFromEarlierSubmission_IsOffered()
    {
        await using var engine = new ScriptEngine();
        await engine.ExecuteAsync("var remoteFolders = new List<string>();", new RecordingSink(), Token);
        var list = await engine.CompleteAsync("remoteF", 7, Token);
        Assert.Contains(list.Items, i => i.Text == "remoteFolders");
        var members = await engine.CompleteAsync("remoteFolders.Cou", 17, Token);
        Assert.Contains(members.Items, i => i.Text == "Count");
    }

    [Fact]
    public async Task Inspect_HelperVerb_ShowsSignatureAndSummary()
    {
        await using var engine = new ScriptEngine();
        var result = await engine.InspectAsync("Ls(\"/data\")", 1, Token);
        Assert.NotNull(result);
        Assert.Contains("Ls(string path = \".\")", result.Text);
        Assert.Contains("Lists a remote directory", result.Text);
        var inArgs = await engine.InspectAsync("Run(", 4, Token);
        Assert.Contains("Runs a remote shell command", inArgs!.Text);
    }

    [Fact]
    public async Task Inspect_FrameworkCall_ShowsTheReferencePacksSummaryAndEachParametersDoc()
    {
        // The runtime's assemblies ship no XML docs; the SDK's reference pack has them (without it: no summary at all).
        await using var engine = new ScriptEngine();
        var result = await engine.InspectAsync("Math.Max(", 9, Token);
        Assert.NotNull(result);
        Assert.Contains("Math.Max(byte val1, byte val2)\n    Returns the larger of two 8-bit unsigned integers.", result.Text, StringComparison.Ordinal);
        Assert.Contains("    val2 — The second of two 8-bit unsigned integers to compare.", result.Text, StringComparison.Ordinal);
        var linq = await engine.InspectAsync("new[] { 1 }.Where", 16, Token);
        Assert.Contains("Filters a sequence of values based on a predicate.", linq!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_RemotePath_ListsServerDirectories()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        var connected = await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        Assert.IsType<SubmissionResult.Success>(connected);
        var code = "Ls(\"/da";
        var list = await engine.CompleteAsync(code, code.Length, Token);
        var item = Assert.Single(list.Items, i => i.Text == "data/");
        Assert.Equal("remote-directory", item.Kind);
        Assert.Equal(code.Length - 2, list.Start);
        var deeper = "Ls(\"/data/WMR_Spots/";
        var regions = await engine.CompleteAsync(deeper, deeper.Length, Token);
        Assert.NotEmpty(regions.Items);
        Assert.Equal("remote-directory", regions.Items[0].Kind);
        Assert.All(regions.Items.Where(i => i.Kind == "remote-directory"), i => Assert.EndsWith("/", i.Text));
        Assert.Equal(deeper.Length, regions.Start);
    }

    [Fact]
    public async Task Complete_RemotePathUnderTildeUser_ListsThatUsersHome()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("Connect();", new RecordingSink(), Token));
        await using var s = await server.ConnectAsync("password", cancellationToken: Token);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var name = RemotePath.Name(scratch.Path);
        var code = $"Ls(\"~{s.Settings.Username}/{name[..^1]}";

        var list = await engine.CompleteAsync(code, code.Length, Token);

        var item = Assert.Single(list.Items);
        Assert.Equal(name + "/", item.Text);
        Assert.Equal("remote-directory", item.Kind);
        Assert.Equal(code.Length - (name.Length - 1), list.Start);
    }

    [Fact]
    public async Task Complete_RemotePathInClosedLiteral_CompletesBeforeQuote()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        var code = "Session.Stat(\"/data/lar\")";
        var list = await engine.CompleteAsync(code, code.IndexOf("lar", StringComparison.Ordinal) + 3, Token);
        Assert.Contains(list.Items, i => i.Text == "large/");
    }

    [Fact]
    public async Task Execute_ListingAgainstServer_RendersTable()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("Ls(\"/data\")", new RecordingSink(), Token));
        Assert.IsType<RemoteListing>(result.Value);
        Assert.Contains("WMR_Spots", result.Rendered!.Text);
        Assert.Contains("<table", result.Rendered.Html);
        Assert.NotNull(DisplayRenderer.AsTable(result.Value));
    }

    [Fact]
    public async Task Execute_CancelRemoteCommand_ReturnsCancelled()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        using var cts = new CancellationTokenSource();
        var run = engine.ExecuteAsync("Run(\"sleep 60\")", new RecordingSink(), cts.Token);
        await Task.Delay(2000, Token);
        cts.Cancel();
        Assert.IsType<SubmissionResult.Cancelled>(await run.WaitAsync(TimeSpan.FromSeconds(30), Token));
        var after = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("Run(\"echo ok\").StdOut.Trim()", new RecordingSink(), Token));
        Assert.Equal("ok", after.Value);
    }

    [Fact]
    public async Task Complete_GetRemoteArgument_ListsServerPaths()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        var code = "Get(\"/data/lar";
        var list = await engine.CompleteAsync(code, code.Length, Token);
        var item = Assert.Single(list.Items, i => i.Text == "large/");
        Assert.Equal("remote-directory", item.Kind);
        var named = "Get(localPath: \"x.csv\", remotePath: \"/data/lar";
        Assert.Contains((await engine.CompleteAsync(named, named.Length, Token)).Items, i => i.Text == "large/");
    }

    [Fact]
    public async Task Complete_GetLocalArgument_DoesNotListRemotePaths()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        var code = "Get(\"/data/large/big.bin\", \"/data/lar";
        var list = await engine.CompleteAsync(code, code.Length, Token);
        Assert.DoesNotContain(list.Items, i => i.Kind.StartsWith("remote-", StringComparison.Ordinal));
        var put = "Put(\"/data/lar";
        Assert.DoesNotContain((await engine.CompleteAsync(put, put.Length, Token)).Items, i => i.Kind.StartsWith("remote-", StringComparison.Ordinal));
        var putRemote = "Put(\"local.csv\", \"/data/lar";
        Assert.Contains((await engine.CompleteAsync(putRemote, putRemote.Length, Token)).Items, i => i.Text == "large/");
    }

    [Fact]
    public async Task Complete_CsvAndGetDirectoryVerbs_ListServerPaths()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        await engine.ExecuteAsync("Connect();", new RecordingSink(), Token);
        var csv = "Csv(\"/data/WMR_Spots/Coast/history/wmr100";
        var files = await engine.CompleteAsync(csv, csv.Length, Token);
        var file = Assert.Single(files.Items, i => i.Text == "wmr1006.csv");
        Assert.Equal("remote-file", file.Kind);
        var tree = "await GetDirectoryAsync(\"/data/WMR";
        Assert.Contains((await engine.CompleteAsync(tree, tree.Length, Token)).Items, i => i.Text == "WMR_Spots/");
    }

    [Fact]
    public void RemotePathParameters_FollowTheVerbsThatExist()
    {
        Assert.True(RemotePathParameters.IsRemote("Get", 0, null));
        Assert.False(RemotePathParameters.IsRemote("Get", 1, null));
        Assert.True(RemotePathParameters.IsRemote("Put", 1, null));
        Assert.False(RemotePathParameters.IsRemote("Put", 0, null));
        Assert.True(RemotePathParameters.IsRemote("PlanGetAsync", 0, null));
        Assert.True(RemotePathParameters.IsRemote("Csv", 0, null));
        Assert.False(RemotePathParameters.IsRemote("Find", 1, null));
        Assert.False(RemotePathParameters.IsRemote("Run", 0, null));
        Assert.All(RemotePathParameters.Methods, m => Assert.Contains(typeof(ScriptGlobals).GetMethods(), g => g.Name == m));
        foreach (var absent in new[] { "Cat", "ReadCsv", "Tree", "Download", "Upload" })
        {
            Assert.DoesNotContain(absent, RemotePathParameters.Methods);
        }
    }

    [Fact]
    public void RemotePathParameters_SessionMethodsOfTheSameNameTakeTheSameRemoteParameters()
    {
        // Session.GetAsync("/da|") is completed through the globals' Get: the positions must mean the same there.
        var sessionMethods = typeof(SftpSession).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance);
        var checkedAny = false;
        foreach (var method in sessionMethods)
        {
            var name = RemotePathParameters.Methods.Contains(method.Name) ? method.Name
                : method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
            if (!RemotePathParameters.Methods.Contains(name))
            {
                continue;
            }

            foreach (var parameter in method.GetParameters().Where(p => RemotePathParameters.IsRemote(name, p.Position, null)))
            {
                checkedAny = true;
                Assert.True(RemotePathParameters.IsRemote(name, 0, parameter.Name), $"{method.Name}: parameter {parameter.Position} is '{parameter.Name}'");
            }
        }

        Assert.True(checkedAny);
    }

    [Fact]
    public async Task Complete_HugeDirectory_OffersAtMostTheCap()
    {
        var server = TestServer.Require("password");
        await using var session = await server.ConnectAsync("password", cancellationToken: Token);
        var huge = await HugeDirectory.EnsureAsync(session, Token);
        using var completer = new RemotePathCompleter(() => session, listTimeout: TimeSpan.FromMinutes(2));
        var code = $"Ls(\"{huge}/file-0";
        var list = await completer.CompleteAsync(code, code.Length, Token);
        Assert.NotNull(list);
        Assert.Equal(RemotePathCompleter.MaxItems, list.Items.Count);
        Assert.Equal("file-000000.csv", list.Items[0].Text);
    }

    [Fact]
    public async Task Complete_CachedListing_IsRefreshedOnlyAfterItsLifetime()
    {
        var server = TestServer.Require("password");
        await using var session = await server.ConnectAsync("password", cancellationToken: Token);
        await using var scratch = await RemoteScratch.CreateAsync(session);
        var clock = new ManualClock();
        using var completer = new RemotePathCompleter(() => session, clock);
        var code = $"Ls(\"{scratch.Path}/";
        Assert.Empty((await completer.CompleteAsync(code, code.Length, Token))!.Items);

        await session.MkdirAsync(scratch["fresh"], Token);
        Assert.Empty((await completer.CompleteAsync(code, code.Length, Token))!.Items);
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Contains((await completer.CompleteAsync(code, code.Length, Token))!.Items, i => i.Text == "fresh/");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
