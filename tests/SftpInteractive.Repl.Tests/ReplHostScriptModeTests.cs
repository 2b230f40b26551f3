using SftpInteractive.Repl;
using SftpInteractive.Scripting;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

public sealed class ReplHostScriptModeTests
{
    private static async Task<(int Code, string Out, string Err)> RunScript(string script)
    {
        var (console, output) = TestConsoles.Create();
        var (errors, errorOutput) = TestConsoles.Create();
        var engine = new ScriptEngine();
        var host = new ReplHost(new ReplOptions { Console = console, ErrorConsole = errors, Input = new StringReader(script) }, Task.FromResult<IInteractiveEngine>(engine));
        var code = await host.RunAsync(TestContext.Current.CancellationToken);
        await engine.DisposeAsync();
        return (code, output.ToString(), errorOutput.ToString());
    }

    [Fact]
    public async Task Run_PipedScript_PrintsResultsAndExitsZero()
    {
        var (code, output, _) = await RunScript("var x = 6;\nx * 7\n\"done\"\n");
        Assert.Equal(0, code);
        Assert.Equal("42\ndone\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_PipedScript_PolyglotDisplayCalls_PrintText()
    {
        var (code, output, errors) = await RunScript("display(1);\nvar d = \"first\".Display();\nd.Update(\"second\");\n" +
            "HTML(\"<b>bold</b>\")\nusing static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;\ndiv(b(\"tag\"))\nnew LaTeXString(@\"\\frac{1}{2}\")\n");
        Assert.True(code == 0, errors);
        Assert.Equal("1\nfirst\nbold\ntag\n\\frac{1}{2}\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_PipedScript_MultiLineSubmission_RunsAsOne()
    {
        var (code, output, _) = await RunScript("for (var i = 0; i < 3; i++)\n{\n    Console.Write(i);\n}\nConsole.WriteLine();\n");
        Assert.Equal(0, code);
        Assert.Contains("012", output);
    }

    [Fact]
    public async Task Run_PipedScript_StopsAtFirstError_ExitCodeOne()
    {
        var (code, output, errors) = await RunScript("1+1\nvar y = nope;\nConsole.WriteLine(\"not reached\");\n");
        Assert.Equal(1, code);
        Assert.Contains("2", output);
        Assert.DoesNotContain("not reached", output);
        Assert.Contains("CS0103", errors);
        Assert.Contains("^^^^", errors);
    }

    [Fact]
    public async Task Run_PipedScript_RuntimeError_ExitCodeOne()
    {
        var (code, _, errors) = await RunScript("Ls(\"/\")\n");
        Assert.Equal(1, code);
        Assert.Contains("not connected: call Connect()", errors);
    }

    [Fact]
    public async Task Run_HelpDirective_ListsVerbs()
    {
        var (code, output, _) = await RunScript("#help\n");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "Connect()", "Ls([path])", "Run(command)", "#trace", "#exit", "#r \"nuget: Name, 1.2.3\"", "#i \"nuget:" })
        {
            Assert.Contains(verb, output);
        }
    }

    [Fact]
    public async Task Run_HelpDirective_ListsEveryDirectiveOfTheRegistry()
    {
        var (code, output, _) = await RunScript("#help\n");
        Assert.Equal(0, code);
        var listed = DirectiveRegistry.For(DirectiveHosts.Repl).Where(d => !d.IsMagic).ToList();
        Assert.Contains(DirectiveRegistry.Help, listed);
        Assert.Contains(listed, d => d.Name == "#load");
        Assert.All(listed, d => Assert.Contains(d.Usage, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ExitDirective_StopsTheScript()
    {
        var (code, output, _) = await RunScript("1\n#exit\n2\n");
        Assert.Equal(0, code);
        Assert.Equal("1\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_ListingFromServer_DrawnAsTable()
    {
        var server = TestServer.Require("password");
        var (code, output, errors) = await RunScript($"Connect(new SftpOptions {{ EnvFile = \"{server.EnvFile("password")}\" }});\nLs(\"/data\")\n");
        Assert.True(code == 0, errors);
        Assert.Contains("WMR_Spots", output);
        Assert.Contains("│", output);
    }

    [Fact]
    public async Task Run_PipedGet_PrintsOneSummaryLineAndNoProgressBar()
    {
        var server = TestServer.Require("password");
        var local = Directory.CreateTempSubdirectory("sftpi-piped-get-").FullName;
        try
        {
            var target = Path.Combine(local, "readme.txt");
            var (code, output, errors) = await RunScript(
                $"Connect(new SftpOptions {{ EnvFile = \"{server.EnvFile("password")}\" }});\nGet(\"/data/README.txt\", \"{target}\")\n");
            Assert.True(code == 0, errors);
            Assert.True(File.Exists(target));
            var lines = (output + errors).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines, l => l.Contains("README.txt", StringComparison.Ordinal));
            Assert.DoesNotContain("━", output + errors, StringComparison.Ordinal);
            Assert.DoesNotContain("0%", output + errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("if (x) {\n  y();\n}\nz\n", new[] { "if (x) {\n  y();\n}", "z" })]
    [InlineData("\n\n#help\n", new[] { "#help" })]
    [InlineData("var s = new[] {\n1,", new[] { "var s = new[] {\n1," })]
    public async Task Split_Script_IntoCompleteSubmissions(string script, string[] expected)
    {
        await using var engine = new ScriptEngine();
        Assert.Equal(expected, SubmissionSplitter.Split(script, engine.IsComplete).ToArray());
    }
}
