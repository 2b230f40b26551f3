using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>#r "nuget:" through the REPL: the built sftpi with a piped script, the splitter, and the prompt's in-place
/// status line.</summary>
public sealed class PackageScriptTests
{
    [Fact]
    public async Task Piped_NuGetReference_ThenUsed_StdoutHoldsOnlyTheResult()
    {
        var script = """
            #r "nuget: CsvHelper, 34.0.0"
            var csv = CsvHelper.CsvReader.FromText("name,size\na.csv,10\n", null);
            csv.ReadHeader();
            csv.Read();
            csv.GetString("name")
            """;
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, script + "\n", "--no-connect");
        Assert.True(code == 0, errors);
        Assert.Equal("a.csv", output.Trim());
        Assert.Matches(@"(?m)^Installed CsvHelper 34\.0\.0 in \d+\.\d\d s", errors);
        Assert.DoesNotContain("Restoring", errors + output);
        Assert.DoesNotContain("\x1b[", errors + output);
    }

    [Fact]
    public async Task Piped_UnknownPackage_OneLineAndExitCodeOne()
    {
        var (code, output, errors) = await Tool.RunPiped(Tool.Executable, "#r \"nuget: SftpInteractive.NoSuchPackage.Zz, 1.0.0\"\n\"not reached\"\n", "--no-connect");
        Assert.Equal(1, code);
        Assert.DoesNotContain("not reached", output);
        // The error console wraps long lines at its width.
        var message = System.Text.RegularExpressions.Regex.Replace(errors, @"\s+", " ");
        Assert.Contains("Package SftpInteractive.NoSuchPackage.Zz 1.0.0 was not found. Sources tried: nuget.org (https://api.nuget.org/v3/index.json).", message);
        Assert.DoesNotContain("   at ", errors);
    }

    [Theory]
    [InlineData("#r \"nuget: A\"\n#r \"nuget: B, 1.0\"\nx\n", new[] { "#r \"nuget: A\"", "#r \"nuget: B, 1.0\"", "x" })]
    [InlineData("#i \"nuget: /tmp/feed\"\n#r \"nuget: A\"\n", new[] { "#i \"nuget: /tmp/feed\"", "#r \"nuget: A\"" })]
    public async Task Split_PackageDirectives_EachLineSurvives(string script, string[] expected)
    {
        await using var engine = new ScriptEngine();
        Assert.Equal(expected, SubmissionSplitter.Split(script, engine.IsComplete).ToArray());
    }

    [Fact]
    public void ReplSink_PackageStatus_RedrawnInPlaceAtThePrompt()
    {
        var (console, output) = TestConsoles.Create();
        var sink = new ReplSink(console, interactive: true, prompt: null);
        sink.Display(new PackageStatus("Restoring CsvHelper 34.0.0…", false).Render(), "n1");
        sink.UpdateDisplay(new PackageStatus("Installed CsvHelper 34.0.0 in 0.12 s", true).Render(), "n1");
        Assert.Equal("Restoring CsvHelper 34.0.0…\n\x1b[1A\r\x1b[JInstalled CsvHelper 34.0.0 in 0.12 s\n", output.ToString());
    }

    [Fact]
    public void ReplSink_PackageStatus_PipedShowsOnlyTheFinishedStateOnNotices()
    {
        var (console, output) = TestConsoles.Create();
        var notices = new StringWriter();
        var sink = new ReplSink(console, interactive: false, prompt: null, notices);
        sink.Display(new PackageStatus("Restoring CsvHelper 34.0.0…", false).Render(), "n1");
        sink.UpdateDisplay(new PackageStatus("Installed CsvHelper 34.0.0 in 0.12 s", true).Render(), "n1");
        Assert.Equal(string.Empty, output.ToString());
        Assert.Equal("Installed CsvHelper 34.0.0 in 0.12 s\n", notices.ToString());
    }

    [Fact]
    public void Terminal_NuGetReference_StatusLineReplacedInPlaceThenPackageUsed()
    {
        var history = Path.Combine(Path.GetTempPath(), "sftpi-tmux-history-" + Guid.NewGuid().ToString("N"));
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", new Dictionary<string, string> { ["SFTPI_HISTORY"] = history });
        tmux.WaitForPrompt();
        tmux.Type("#r \"nuget: CsvHelper, 34.0.0\"");
        tmux.Press("Enter");
        var screen = tmux.WaitForText("Installed CsvHelper 34.0.0 in ", TimeSpan.FromMinutes(2));
        Assert.DoesNotContain("Restoring", screen);
        tmux.WaitForPrompt();
        tmux.Type("typeof(CsvHelper.CsvReader).Assembly.GetName().Version.Major + 1");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n35", StringComparison.Ordinal), "the result 35");
    }
}
