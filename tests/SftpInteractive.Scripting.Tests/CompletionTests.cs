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
}
