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
    public void Terminal_Demo_StartsServerAndOpensConnectedRepl()
    {
        var server = TestServer.Require("password");
        var environment = Environment();
        environment["SFTPI_TEST_DIR"] = server.StateDir;
        using var tmux = TmuxSession.Start($"{Tool.Executable} demo", environment);
        tmux.WaitForText("connected to", TimeSpan.FromMinutes(3));
        Assert.Contains("Ls(\"/data\")", tmux.Screen());
        tmux.WaitForPrompt();
        tmux.Type("Run(\"echo demo-ok\").StdOut");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Contains("\ndemo-ok", StringComparison.Ordinal), "the command's output");
    }
}
