using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary><c>notebooks/01-connect-and-explore.dib</c>, the first walkthrough for Polyglot Notebooks users. Its cells
/// call the preloaded verbs, which are the same in Polyglot (SftpInteractive.Interactive) and in our engine, so here
/// they run (without the <c>#r "nuget: …"</c> line) one after another through our engine against the test server;
/// <c>EngineJupyterTests</c> runs the same file inside the real .NET Interactive engine.</summary>
public sealed class WalkthroughDibTests
{
    private const string Connect = "Connect()";

    private static readonly string WalkthroughPath = Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.dib");

    [Fact]
    public void Walkthrough_Structure_IsAPolyglotNotebookThatLoadsTheIntegrationPackageFirst()
    {
        var dib = DibNotebook.Load(WalkthroughPath);

        Assert.Equal("csharp", dib.Meta!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("#r \"nuget: SftpInteractive.Interactive\"", dib.CSharpCells.First());
        Assert.Contains(dib.Cells, c => c.Kernel == "markdown" && c.Code.Contains("host key", StringComparison.OrdinalIgnoreCase));
        Assert.Single(dib.CSharpCells, c => c == Connect);
    }

    [Fact]
    public async Task Walkthrough_RunThroughEngine_EveryCellSucceedsAgainstTheTestServer()
    {
        var server = TestServer.Require("password");
        var envFile = server.EnvFile("password").Replace("\"", "\"\"", StringComparison.Ordinal);
        var downloads = Directory.CreateTempSubdirectory("sftpi-dib-").FullName;
        await using var engine = new ScriptEngine();
        var values = new List<object?>();
        var output = new RecordingSink();
        var watch = Stopwatch.StartNew();
        foreach (var cell in Cells())
        {
            // The reader's .env and downloads sit next to the notebook; here they are the test account's and a temp folder.
            var code = cell.Replace(Connect, $"Connect(new SftpOptions {{ EnvFile = @\"{envFile}\", Environment = new Dictionary<string, string>() }})", StringComparison.Ordinal)
                .Replace("\"downloads/", $"@\"{downloads}/", StringComparison.Ordinal);
            var result = await engine.ExecuteAsync(code, output, TestContext.Current.CancellationToken);
            Assert.True(result is SubmissionResult.Success, $"{cell}\n-> {result}");
            values.Add(((SubmissionResult.Success)result).Value);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"01-connect-and-explore.dib ran in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains(values, v => v is SftpSession);
        Assert.Contains(values, v => v is RemoteListing { Path: "/data/WMR_Spots" });
        Assert.Contains(values, v => v is ConnectionExplanation);
        Assert.Contains(values, v => v is TransferResult);
        Assert.True(File.Exists(Path.Combine(downloads, "wmr1006.csv")));
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
