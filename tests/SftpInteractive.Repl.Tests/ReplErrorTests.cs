using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>The REPL prints an error as a notebook does (Failure.TraceLines): the message once, the user's frames by
/// input and line, one line for the rest.</summary>
public sealed class ReplErrorTests
{
    [Fact]
    public async Task PipedScript_RuntimeErrorInAnEarlierInputsMethod_MessageOnceThenTheInputsFrames()
    {
        var (console, output) = TestConsoles.Create();
        var (errors, errorOutput) = TestConsoles.Create();
        await using var engine = new ScriptEngine();
        var script = "int Deep(int n) => n == 0 ? throw new InvalidOperationException(\"too deep\") : Deep(n - 1);\nDeep(2)\n";
        var host = new ReplHost(new ReplOptions { Console = console, ErrorConsole = errors, Input = new StringReader(script) }, Task.FromResult<IInteractiveEngine>(engine));

        await host.RunAsync(TestContext.Current.CancellationToken);

        var lines = errorOutput.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("InvalidOperationException: too deep", lines[0]);
        Assert.Equal("  Deep(int n) in input [1], line 1 (and 2 more times)", lines[1]);
        Assert.Equal("  in input [2], line 1", lines[2]);
        Assert.StartsWith("  … ", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Single(errorOutput.ToString().Split("too deep").Skip(1));
    }
}
