using SftpInteractive.Display.Polyglot;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary>The package's <c>extension.dib</c>, run the way .NET Interactive runs it after <c>#r "nuget: SftpInteractive"</c>:
/// its C# cells as ordinary submissions in the user's kernel, then the user's own cells after them.</summary>
public sealed class ExtensionDibTests
{
    private static readonly string ExtensionPath = Path.Combine(TestServer.RepoRoot, "src", "SftpInteractive", "extension.dib");

    private static async Task<SubmissionResult.Success> RunAsync(ScriptEngine engine, string code, RecordingSink? sink = null)
    {
        var result = await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken);
        Assert.True(result is SubmissionResult.Success, $"{code}\n-> {result}");
        return (SubmissionResult.Success)result;
    }

    [Fact]
    public void ExtensionDib_Meta_NamesTheCSharpKernel()
    {
        var dib = DibNotebook.Load(ExtensionPath);

        Assert.Equal("csharp", dib.Meta!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.NotEmpty(dib.CSharpCells);
        Assert.DoesNotContain(dib.CSharpCells, c => c.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtensionDib_RunThroughEngine_PrintsBannerAndFormatsResultsByConvention()
    {
        await using var engine = new ScriptEngine();
        SubmissionResult.Success? last = null;
        foreach (var cell in DibNotebook.Load(ExtensionPath).CSharpCells)
        {
            last = await RunAsync(engine, cell);
        }

        Assert.Equal(PolyglotExtension.Banner, last!.Rendered!.Text);

        // A user's next cell: the value it returns is one .NET Interactive formats through our convention formatters.
        var usage = await RunAsync(engine, "new DiskUsage(\"/data\", 1000, 400, 300, 10, 5)");
        var html = ConventionFormatters.Format(usage.Value!, "text/html");
        Assert.NotNull(html);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("Disk usage at /data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtensionDib_ThenConnect_HelperIsUsableAndListingRendersAsTable()
    {
        var server = TestServer.Require("password");
        await using var engine = new ScriptEngine();
        foreach (var cell in DibNotebook.Load(ExtensionPath).CSharpCells)
        {
            await RunAsync(engine, cell);
        }

        var envFile = server.EnvFile("password").Replace("\"", "\"\"", StringComparison.Ordinal);
        await RunAsync(engine, $"var s = await Sftp.ConnectAsync(new SftpOptions {{ EnvFile = @\"{envFile}\", Environment = new Dictionary<string, string>() }});");
        var listing = await RunAsync(engine, "s.Ls(\"/data\")");
        await RunAsync(engine, "s.Dispose();");

        var html = ConventionFormatters.Format(listing.Value!, "text/html");
        Assert.NotNull(html);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains(">WMR_Spots/<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtensionDib_InABareKernel_ImportsTheNamespaceForLaterCells()
    {
        // .NET Interactive's kernel has none of our globals or default imports: that the user's next cell can say
        // `new DiskUsage(...)` and `Sftp.ConnectAsync` unqualified is the extension's doing.
        var kernel = new BareCSharpKernel();
        Assert.NotEmpty(kernel.Compile("Sftp.ConnectAsync()"));

        kernel = new BareCSharpKernel();
        foreach (var cell in DibNotebook.Load(ExtensionPath).CSharpCells)
        {
            Assert.Empty(kernel.Compile(cell));
        }

        Assert.Empty(kernel.Compile("var usage = new DiskUsage(\"/\", 1, 1, 0, 1, 0); var connect = (Func<Task<SftpSession>>)(() => Sftp.ConnectAsync());"));
    }
}
