using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary><c>notebooks/01-connect-and-explore.dib</c>, the first walkthrough for Polyglot Notebooks users: its C# cells
/// (without the <c>#r "nuget: …"</c> line, which only .NET Interactive resolves) run one after another against the test
/// server, and compile in a bare kernel that has none of our kernel's preloaded verbs.</summary>
public sealed class WalkthroughDibTests
{
    private const string Connect = "await Sftp.ConnectAsync()";

    private static readonly string WalkthroughPath = Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.dib");

    private static readonly string ExtensionPath = Path.Combine(TestServer.RepoRoot, "src", "SftpInteractive", "extension.dib");

    [Fact]
    public void Walkthrough_Structure_IsAPolyglotNotebookThatLoadsThePackageFirst()
    {
        var dib = DibNotebook.Load(WalkthroughPath);

        Assert.Equal("csharp", dib.Meta!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("#r \"nuget: SftpInteractive\"", dib.CSharpCells.First());
        Assert.Contains(dib.Cells, c => c.Kernel == "markdown" && c.Code.Contains("host key", StringComparison.OrdinalIgnoreCase));
        Assert.Single(dib.CSharpCells, c => c.Contains(Connect, StringComparison.Ordinal));
    }

    [Fact]
    public void Walkthrough_InABareKernel_EveryCellCompiles()
    {
        var kernel = new BareCSharpKernel();
        foreach (var cell in DibNotebook.Load(ExtensionPath).CSharpCells.Concat(Cells()))
        {
            var errors = kernel.Compile(cell);
            Assert.True(errors.Count == 0, $"{cell}\n-> {string.Join("\n", errors)}");
        }
    }

    [Fact]
    public async Task Walkthrough_RunThroughEngine_EveryCellSucceedsAgainstTheTestServer()
    {
        var server = TestServer.Require("password");
        var envFile = server.EnvFile("password").Replace("\"", "\"\"", StringComparison.Ordinal);
        await using var engine = new ScriptEngine();
        var values = new List<object?>();
        var output = new RecordingSink();
        var watch = Stopwatch.StartNew();
        foreach (var cell in DibNotebook.Load(ExtensionPath).CSharpCells.Concat(Cells()))
        {
            // The reader's .env sits next to the notebook; here it is the test account's, named explicitly.
            var code = cell.Replace(Connect, $"await Sftp.ConnectAsync(new SftpOptions {{ EnvFile = @\"{envFile}\", Environment = new Dictionary<string, string>() }})",
                StringComparison.Ordinal);
            var result = await engine.ExecuteAsync(code, output, TestContext.Current.CancellationToken);
            Assert.True(result is SubmissionResult.Success, $"{cell}\n-> {result}");
            values.Add(((SubmissionResult.Success)result).Value);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"01-connect-and-explore.dib ran in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains(values, v => v is SftpSession);
        Assert.Contains(values, v => v is RemoteListing { Path: "/data/WMR_Spots" });
        Assert.Contains(values, v => v is ConnectionExplanation);
        Assert.Contains("No such file or directory: /data/no-such-folder", output.Out, StringComparison.Ordinal);
        Assert.Contains("Permission denied: /data/restricted/locked", output.Out, StringComparison.Ordinal);
        Assert.Equal(false, values[^1]);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), output.Out, StringComparison.Ordinal);
        foreach (var listing in values.OfType<RemoteListing>())
        {
            Assert.Contains("<table", ConventionFormatters.Format(listing, "text/html"), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Cells() =>
        DibNotebook.Load(WalkthroughPath).CSharpCells.Select(DibNotebook.WithoutNuGetReferences).Where(c => c.Length > 0);
}
