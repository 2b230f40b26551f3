using System.Text.RegularExpressions;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Magics;

/// <summary>Every engine magic through <see cref="ScriptEngine.ExecuteAsync"/>, as every host runs a cell.</summary>
public sealed class MagicEngineTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink sink) =>
        await engine.ExecuteAsync(code, sink, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("#!csharp")]
    [InlineData("#!c#")]
    [InlineData("#!C#")]
    public async Task CSharp_FirstLine_IsNoOp(string magic)
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, magic + "\nvar a = 20;\na * 2 + 2", sink));
        Assert.Equal(42, result.Value);
        Assert.Empty(sink.Displays);
    }

    [Fact]
    public async Task CSharp_CompileError_PointsAtTheCellLine()
    {
        await using var engine = new ScriptEngine();
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "#!csharp\nvar a = 1;\nvar b = nope;", new RecordingSink()));
        var diagnostic = Assert.Single(failure.Diagnostics);
        Assert.Equal("CS0103", diagnostic.Id);
        Assert.Equal(3, diagnostic.Line);
    }

    [Fact]
    public async Task Markdown_RestOfCell_DisplayedAsMarkdownWithPlainText()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!markdown\n\n# Title\n\nSome *text*.\n", sink));
        Assert.False(result.HasValue);
        var shown = Assert.Single(sink.Displays).Value;
        Assert.Equal("# Title\n\nSome *text*.", shown["text/markdown"]);
        Assert.Equal("# Title\n\nSome *text*.", shown.Text);
    }

    [Fact]
    public async Task Html_DisplayedAsHtmlWithReadableText()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!html\n<b>bold</b> move", sink));
        var shown = Assert.Single(sink.Displays).Value;
        Assert.Equal("<b>bold</b> move", shown["text/html"]);
        Assert.Equal("bold move", shown.Text);
    }

    [Theory]
    [InlineData("#!javascript")]
    [InlineData("#!js")]
    public async Task JavaScript_SentAsScriptTagInHtml(string magic)
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, magic + "\nconsole.log(42);", sink));
        var shown = Assert.Single(sink.Displays).Value;
        Assert.Equal("<script type=\"text/javascript\">console.log(42);</script>", shown["text/html"]);
        Assert.Equal("console.log(42);", shown.Text);
    }

    [Fact]
    public async Task Mermaid_HtmlLoadsMermaidAndKeepsTheDiagramAsText()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!mermaid\ngraph TD;\n  A-->B;", sink));
        var shown = Assert.Single(sink.Displays).Value;
        Assert.Equal("graph TD;\n  A-->B;", shown.Text);
        Assert.Contains("import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@10.6.1/dist/mermaid.esm.min.mjs'", shown.Html);
        Assert.Contains("class=\"mermaid\">graph TD;\n  A--&gt;B;</pre>", shown.Html); // readable with scripts stripped
    }

    [Fact]
    public async Task Time_RunsTheRestThenShowsWallTimeAsTheEngine()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!time\nawait Task.Delay(120);\n6*7", sink));
        Assert.Equal(42, result.Value);
        var text = Assert.Single(sink.Displays).Value.Text;
        var match = Regex.Match(text, @"^Wall time: (\d+(\.\d+)?)ms$");
        Assert.True(match.Success, text);
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 120, text);
    }

    [Fact]
    public async Task Time_MidCell_TimesTheLinesAfterIt()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "var x = 1;\n#!time\nx + 1", sink));
        Assert.Equal(2, result.Value);
        Assert.StartsWith("Wall time: ", Assert.Single(sink.Displays).Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parts_LanguageMagicsSplitTheCell_ValuesOfEarlierPartsDisplayed()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "var y = 2;\ny\n#!markdown\n# between\n#!csharp\ny * 21", sink));
        Assert.Equal(42, result.Value);
        Assert.Equal(["2", "# between"], sink.Displays.Select(d => d.Value.Text));
    }

    [Fact]
    public async Task Parts_FailingPart_StopsTheCell()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Failure>(await Run(engine, "throw new InvalidOperationException(\"boom\");\n#!markdown\nnever", sink));
        Assert.Empty(sink.Displays);
    }

    [Fact]
    public async Task WhoAndWhos_NamesAndTable()
    {
        await using var engine = new ScriptEngine();
        await Run(engine, "var alpha = 1; var beta = \"two\";", new RecordingSink());
        var who = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!who", who));
        Assert.Equal("alpha, beta", Assert.Single(who.Displays).Value.Text);
        var whos = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!whos", whos));
        var table = Assert.IsType<DisplayTable>(Assert.Single(whos.Displays).Value.Value);
        Assert.Equal(["alpha", "beta"], table.Rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Who_FollowedByCode_RunsTheCodeToo()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!who\n6*7", sink));
        Assert.Equal(42, result.Value);
        Assert.Equal("no variables yet", Assert.Single(sink.Displays).Value.Text);
    }

    [Fact]
    public async Task About_ShowsProductAndRuntime()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!about", sink));
        var shown = Assert.Single(sink.Displays).Value;
        Assert.Contains("SftpInteractive: ", shown.Text, StringComparison.Ordinal);
        Assert.Contains(".NET: .NET ", shown.Text, StringComparison.Ordinal);
        Assert.StartsWith("<table>", shown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LsMagic_ListsEveryRegisteredMagic()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!lsmagic", sink));
        var text = Assert.Single(sink.Displays).Value.Text;
        foreach (var name in new[] { "#!csharp", "#!c#", "#!markdown", "#!html", "#!javascript", "#!js", "#!mermaid", "#!time", "#!who", "#!whos", "#!import", "#!about", "#!lsmagic", "#r", "#who" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("#!fsharp", "F#")]
    [InlineData("#!f#", "F#")]
    [InlineData("#!pwsh", "PowerShell")]
    [InlineData("#!powershell", "PowerShell")]
    [InlineData("#!sql", "SQL")]
    [InlineData("#!kql", "KQL")]
    [InlineData("#!value --name v", "a C# variable")]
    [InlineData("#!set --name z --value 3", "C# variable")]
    [InlineData("#!share --from fsharp x", "session's C# variables")]
    [InlineData("#!connect jupyter --kernel-name py", "C# only")]
    [InlineData("#!http", "HttpClient")]
    [InlineData("#!python", "Python")]
    [InlineData("#!r", "R cells")]
    public async Task ForeignMagic_OneClearLine_NothingRuns(string line, string hint)
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var name = line.Split(' ')[0];
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "var ran = 1;\n" + line + "\nlet x = 1", sink));
        Assert.Equal("UnsupportedMagic", failure.Name);
        Assert.Empty(failure.Diagnostics);
        Assert.StartsWith(name + " is not supported: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(hint, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Supported magics: #!csharp, #!markdown", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        var who = new RecordingSink();
        await Run(engine, "#!who", who);
        Assert.Equal("no variables yet", Assert.Single(who.Displays).Value.Text); // the C# before it did not run either
    }

    [Fact]
    public async Task UnknownMagic_OneLineNamingIt()
    {
        await using var engine = new ScriptEngine();
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "#!foo\n1", new RecordingSink()));
        Assert.Equal("UnknownMagic", failure.Name);
        Assert.Equal("#!foo is not a magic command here. Supported magics: #!csharp, #!markdown, #!html, #!javascript, #!mermaid, #!time, #!who, #!whos, #!import, #!about, #!lsmagic (#!lsmagic describes them).", failure.Message);
    }

    [Fact]
    public async Task Shebang_FirstLine_IsNotAMagic()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "#!/usr/bin/env dotnet-script\n6*7", new RecordingSink()));
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task IsComplete_MagicCells()
    {
        await using var engine = new ScriptEngine();
        Assert.True(engine.IsComplete("#!markdown\n# a title"));
        Assert.True(engine.IsComplete("#!who"));
        Assert.True(engine.IsComplete("#!csharp\nvar x = 1;"));
        Assert.False(engine.IsComplete("#!csharp\nif (true) {"));
        Assert.True(engine.IsComplete("#!fsharp\nlet x = 1"));
    }

    [Fact]
    public async Task Complete_HashBang_OffersMagics()
    {
        await using var engine = new ScriptEngine();
        var list = await engine.CompleteAsync("var a = 1;\n#!ti", 15, TestContext.Current.CancellationToken);
        var entry = Assert.Single(list.Items);
        Assert.Equal(("#!time", "keyword"), (entry.Text, entry.Kind));
        Assert.Equal((11, 15), (list.Start, list.End));
        var all = await engine.CompleteAsync("#!", 2, TestContext.Current.CancellationToken);
        Assert.Contains(all.Items, i => i.Text == "#!markdown");
        Assert.Contains(all.Items, i => i.Text == "#!c#");
    }
}
