using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

public sealed class ReplHostInteractiveTests
{
    private static async Task<(int Code, string Screen, string Out)> RunInteractive(ScriptedTerminal terminal, string? historyPath = null, ScriptEngine? engine = null)
    {
        var (console, output) = TestConsoles.Create();
        engine ??= new ScriptEngine();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal, HistoryPath = historyPath }, Task.FromResult<IInteractiveEngine>(engine));
        var code = await host.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await engine.DisposeAsync();
        return (code, terminal.Screen, output.ToString());
    }

    [Fact]
    public async Task Typing_ExpressionAndEnter_PrintsResult()
    {
        var terminal = new ScriptedTerminal().Type("6*7\r").Key(ConsoleKey.D, control: true);
        var (code, screen, output) = await RunInteractive(terminal);
        Assert.Equal(0, code);
        Assert.Contains("sftpi> 6*7", screen);
        Assert.Contains("42", output);
    }

    [Fact]
    public async Task IncompleteInput_ContinuesOnNextLine()
    {
        var terminal = new ScriptedTerminal().Type("if (true) {\rConsole.WriteLine(\"inside\");\r}\r").Key(ConsoleKey.D, control: true);
        var (_, screen, output) = await RunInteractive(terminal);
        Assert.Contains(LineEditor.ContinuationPrompt, screen);
        Assert.Contains("inside", output);
    }

    [Fact]
    public async Task CtrlC_AtPrompt_ClearsTheLine()
    {
        var terminal = new ScriptedTerminal().Type("this is not code").Key(ConsoleKey.C, control: true).Type("1+2\r").Key(ConsoleKey.D, control: true);
        var (code, screen, output) = await RunInteractive(terminal);
        Assert.Equal(0, code);
        Assert.Contains("^C", screen);
        Assert.Equal("3\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Tab_CompletesHelperVerb()
    {
        var terminal = new ScriptedTerminal().Type("Explai\t").WaitFor("sftpi> Explain").Type("()\r").Key(ConsoleKey.D, control: true);
        var (_, screen, output) = await RunInteractive(terminal);
        Assert.Contains("sftpi> Explain", screen);
        Assert.Contains("not connected", output + screen);
    }

    [Fact]
    public async Task History_PersistsAcrossRuns_AndUpRecalls()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sftpi-history").FullName, "history");
        await RunInteractive(new ScriptedTerminal().Type("var first = 40 + 2;\r").Key(ConsoleKey.D, control: true), path);
        Assert.Contains("var first = 40 + 2;", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        var terminal = new ScriptedTerminal().Key(ConsoleKey.UpArrow).Type("\r").Type("first\r").Key(ConsoleKey.D, control: true);
        var (_, _, output) = await RunInteractive(terminal, path);
        Assert.Contains("42", output);
    }

    [Fact]
    public async Task ExitDirective_Leaves()
    {
        var terminal = new ScriptedTerminal().Type("#exit\r").Type("1+1\r");
        var (code, _, output) = await RunInteractive(terminal);
        Assert.Equal(0, code);
        Assert.DoesNotContain("2", output);
    }

    [Fact]
    public async Task Interrupt_DuringTokenIgnoringDelay_ReturnsToPrompt()
    {
        var terminal = new ScriptedTerminal().Type("await Task.Delay(60000)\r");
        var (console, output) = TestConsoles.Create();
        var engine = new ScriptEngine();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal }, Task.FromResult<IInteractiveEngine>(engine));
        var run = host.RunAsync(TestContext.Current.CancellationToken);
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        terminal.RaiseInterrupt();
        terminal.Type("5*5\r").Key(ConsoleKey.D, control: true);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Contains("cancelled", output.ToString());
        Assert.Contains("25", output.ToString());
        await engine.DisposeAsync();
    }
}
