using SftpInteractive.Testing;

namespace SftpInteractive.Interactive.Tests;

/// <summary><c>notebooks/01-connect-and-explore.dib</c> top to bottom inside the real engine (its Jupyter kernel), the
/// package loaded from this run's local folder in place of the notebook's <c>#r "nuget: SftpInteractive.Interactive"</c>.</summary>
public sealed class EngineDibTests(EngineHarness engine)
{
    [Fact]
    public void Walkthrough_InTheRealEngine_EveryCellSucceeds()
    {
        var server = TestServer.Require("password");
        engine.Require();
        var work = engine.NotebookFolder(server);
        var dib = Path.Combine(TestServer.RepoRoot, "notebooks", "01-connect-and-explore.dib");

        var result = engine.Scenario(work, TimeSpan.FromMinutes(12), null, "dib", engine.PackageFolder, engine.Version, dib);

        Assert.True(result["failure"] is null, result["failure"]?.ToString());
        var cells = result["cells"]!.AsArray();
        foreach (var cell in cells.Select(c => c!))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{cell["status"]}: {cell["code"]!.ToString().Split('\n')[0]}");
            Assert.True(cell["status"]!.GetValue<string>() == "ok", $"{cell["code"]}\n-> {cell["evalue"]}");
        }

        Assert.Equal(File.ReadAllText(dib).Split("#!csharp").Length - 1, cells.Count);
        Assert.Contains(cells, c => c!["html"]!.ToString().Contains("<table", StringComparison.Ordinal) && c["code"]!.ToString() == "Ls(\"/data\")");
        Assert.Contains(cells, c => c!["types"]!.AsArray().Any(t => t!.GetValue<string>() == "update_display_data") || c["code"]!.ToString().StartsWith("Get(", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(work, "downloads", "wmr1006.csv")));
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), result.ToJsonString(), StringComparison.Ordinal);
    }
}
