using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>The built sftpi in a real terminal (tmux): what a user sees and types.</summary>
public sealed class TerminalTests
{
    private static Dictionary<string, string> Environment() => new()
    {
        ["SFTPI_HISTORY"] = Path.Combine(Path.GetTempPath(), "sftpi-tmux-history-" + Guid.NewGuid().ToString("N")),
    };

    private static TmuxSession StartConnected()
    {
        var server = TestServer.Require("password");
        var tmux = TmuxSession.Start($"{Tool.Executable} --env-file {server.EnvFile("password")}", Environment());
        tmux.WaitForText("connected to");
        tmux.WaitForPrompt();
        return tmux;
    }

    [Fact]
    public void Terminal_TypeExpression_ShowsResultAndPromptAgain()
    {
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", Environment());
        tmux.WaitForPrompt();
        tmux.Type("6*7");
        tmux.Press("Enter");
        var screen = tmux.WaitFor(s => s.Contains("\n42", StringComparison.Ordinal), "the result 42");
        Assert.Contains("sftpi> 6*7", screen);
        tmux.WaitForPrompt();
    }

    [Fact]
    public void Terminal_TabCompletesWho_ThenShowsVariablesTable()
    {
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", Environment());
        tmux.WaitForPrompt();
        tmux.Type("var answer = 6 * 7;");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        tmux.Type("#w");
        tmux.Press("Tab");
        tmux.WaitForText("sftpi> #who");
        tmux.Press("Enter");
        var screen = tmux.WaitFor(s => s.Contains("1 variable", StringComparison.Ordinal), "the #who table");
        Assert.Matches(@"answer\s*│\s*int\s*│\s*42", screen);
    }

    [Fact]
    public void Terminal_CompileError_ShowsCaretUnderColumn()
    {
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", Environment());
        tmux.WaitForPrompt();
        tmux.Type("var v = nope + 1;");
        tmux.Press("Enter");
        var screen = tmux.WaitForText("^^^^");
        var lines = screen.Split('\n');
        var caretLine = Array.FindIndex(lines, l => l.Contains("^^^^", StringComparison.Ordinal));
        Assert.Equal(lines[caretLine - 1].IndexOf("nope", StringComparison.Ordinal), lines[caretLine].IndexOf('^'));
        Assert.Contains("CS0103", screen);
    }

    [Fact]
    public void Terminal_TabCompletesRemotePaths_ThenListsTable()
    {
        using var tmux = StartConnected();
        tmux.Type("Ls(\"/da");
        tmux.Press("Tab");
        tmux.WaitForText("Ls(\"/data/");
        tmux.Type("WMR");
        tmux.Press("Tab");
        tmux.WaitForText("Ls(\"/data/WMR_Spots/");
        tmux.Type("\")");
        tmux.Press("Enter");
        var screen = tmux.WaitForText("Central/");
        Assert.Contains("╭", screen);
    }

    [Fact]
    public void Terminal_CtrlC_CancelsRunningRemoteCommand_SessionSurvives()
    {
        using var tmux = StartConnected();
        tmux.Type("Run(\"sleep 60\")");
        tmux.Press("Enter");
        Thread.Sleep(1500);
        tmux.Press("C-c");
        tmux.WaitForText("cancelled");
        tmux.WaitForPrompt();
        tmux.Type("Pwd()");
        tmux.Press("Enter");
        tmux.WaitForText("/home/");
    }

    [Fact]
    public async Task Terminal_CtrlC_DuringLargeDownload_CancelsLeavesNoFileAndReplStaysUsable()
    {
        // The download runs through a throttling proxy, so it is still running when Ctrl+C arrives on any machine.
        var server = TestServer.Require("password");
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 512 * 1024 };
        var local = Directory.CreateTempSubdirectory("sftpi-tmux-cancel-").FullName;
        try
        {
            var envFile = Path.Combine(local, "proxy.env");
            File.WriteAllLines(envFile, server.EnvViaProxy(proxy.Port));
            var target = Path.Combine(local, "big.bin");
            using var tmux = TmuxSession.Start($"{Tool.Executable} --env-file {envFile}", Environment());
            tmux.WaitForText("connected to");
            tmux.WaitForPrompt();

            tmux.Type($"Get(\"{server.LargeFile}\", \"{target}\")");
            tmux.Press("Enter");
            var before = proxy.ServerToClientBytes;
            tmux.WaitFor(_ => proxy.ServerToClientBytes - before > 1 << 20, "the download to move its first MiB");
            tmux.Press("C-c");

            // Unthrottled by the cancel, the 64 MiB would still need a minute through the proxy: the prompt must be
            // back long before that.
            tmux.WaitForText("cancelled", TimeSpan.FromSeconds(20));
            tmux.WaitForPrompt(TimeSpan.FromSeconds(20));
            Assert.False(File.Exists(target), "a cancelled download must not leave a file under the final name");
            var part = target + ".part";
            Assert.True(!File.Exists(part) || new FileInfo(part).Length < long.Parse(server.Facts["SFTPI_TEST_LARGE_FILE_SIZE"], System.Globalization.CultureInfo.InvariantCulture));

            tmux.Type("6*7");
            tmux.Press("Enter");
            tmux.WaitFor(s => s.Contains("\n42", StringComparison.Ordinal), "the result 42 after the cancelled download");
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public void Terminal_CtrlC_AbandonsTokenIgnoringDelay()
    {
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", Environment());
        tmux.WaitForPrompt();
        tmux.Type("var kept = 5;");
        tmux.Press("Enter");
        tmux.WaitForPrompt();
        tmux.Type("await Task.Delay(60000)");
        tmux.Press("Enter");
        Thread.Sleep(1500);
        tmux.Press("C-c");
        tmux.WaitForText("cancelled");
        tmux.WaitForPrompt();
        tmux.Type("kept * 2");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\n10", StringComparison.Ordinal), "the result 10");
    }

    [Fact]
    public void Terminal_CtrlD_Leaves()
    {
        using var tmux = TmuxSession.Start($"{Tool.Executable} --no-connect", Environment());
        tmux.WaitForPrompt();
        tmux.Press("C-d");
        tmux.WaitFor(_ => !tmux.IsAlive(), "sftpi to exit");
    }

    [Fact]
    public void Terminal_Demo_StartsServerAndTheTutorialStepsWork()
    {
        var server = TestServer.Require("password");
        var environment = Environment();
        environment["SFTPI_TEST_DIR"] = server.StateDir;
        var local = Directory.CreateTempSubdirectory("sftpi-demo-").FullName;
        var copy = "demo-copy-" + Guid.NewGuid().ToString("N")[..8] + ".csv";
        try
        {
            using var tmux = TmuxSession.Start($"{Tool.Executable} demo", environment);
            tmux.WaitForText("connected to", TimeSpan.FromMinutes(3));
            var banner = tmux.Screen();
            foreach (var verb in new[] { $"Ls(\"{server.DataRoot}\")", "Find(", "Get(", "Put(", "Run(" })
            {
                Assert.Contains(verb, banner, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("when your build", banner, StringComparison.Ordinal);
            tmux.WaitForPrompt();

            // List.
            Submit(tmux, $"Ls(\"{server.DataRoot}\")");
            tmux.WaitFor(s => s.Contains("WMR_Spots/", StringComparison.Ordinal) && s.Contains('╭'), "the listing of the data folder");
            tmux.WaitForPrompt();

            // Search.
            Submit(tmux, $"var hit = Find(\"{server.DataRoot}\", \"wmr1006.csv\")[0].Path;");
            tmux.WaitForPrompt();
            Submit(tmux, "hit");
            tmux.WaitFor(s => s.Split('\n').Any(l => l.TrimStart().StartsWith(server.DataRoot + "/WMR_Spots/", StringComparison.Ordinal) && l.TrimEnd().EndsWith("/history/wmr1006.csv", StringComparison.Ordinal)),
                "the found path");
            tmux.WaitForPrompt();

            // Download.
            var downloaded = Path.Combine(local, "wmr1006.csv");
            Submit(tmux, $"Get(hit, \"{downloaded}\")");
            tmux.WaitFor(s => Flat(s).Contains($"->{downloaded}:", StringComparison.Ordinal) && Flat(s).Contains("verified:size", StringComparison.Ordinal), "the download's result");
            tmux.WaitForPrompt();
            Assert.True(File.Exists(downloaded));
            Assert.StartsWith("timestamp,", File.ReadLines(downloaded).First(), StringComparison.OrdinalIgnoreCase);

            // Upload, then a command that sees the uploaded file.
            Submit(tmux, $"Put(\"{downloaded}\", \"{copy}\")");
            tmux.WaitFor(s => Flat(s).Contains("->", StringComparison.Ordinal) && Flat(s).Contains(copy + ":", StringComparison.Ordinal), "the upload's result");
            tmux.WaitForPrompt();
            Submit(tmux, $"Run(\"wc -c < {copy}\").StdOut.Trim()");
            tmux.WaitFor(s => s.Contains("\n" + new FileInfo(downloaded).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "the command's output: the uploaded size");
            tmux.WaitForPrompt();
            Submit(tmux, $"Rm(\"{copy}\")");
            tmux.WaitForPrompt();
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    /// <summary>The screen without whitespace: long result lines wrap at the terminal's width.</summary>
    private static string Flat(string screen) => string.Concat(screen.Where(c => !char.IsWhiteSpace(c)));

    private static void Submit(TmuxSession tmux, string code)
    {
        tmux.Type(code);
        tmux.Press("Enter");
    }
}
