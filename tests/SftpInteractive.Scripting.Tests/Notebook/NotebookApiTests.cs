namespace SftpInteractive.Scripting.Tests.Notebook;

/// <summary>.NET Interactive's notebook API (display and Update, x.Display(), HTML/Javascript/CSS, LaTeX, PocketView,
/// DisplayTable, Formatter.Register) in our engine, as cells written for Polyglot Notebooks use it. Formatter is
/// process-wide, so every test touching it is in this one collection and leaves it reset.</summary>
[Collection(FormatterState.Name)]
public sealed class NotebookApiTests
{
    private static async Task<(RenderedValue? Value, RecordingSink Sink)> Run(ScriptEngine engine, string code)
    {
        var sink = new RecordingSink();
        var result = await engine.ExecuteAsync(code, sink, TestContext.Current.CancellationToken);
        var success = Assert.IsType<SubmissionResult.Success>(result, exactMatch: false);
        return (success.Rendered, sink);
    }

    [Fact]
    public async Task Display_ThenUpdate_ShowsThenReplacesUnderTheSameId()
    {
        await using var engine = new ScriptEngine();

        var (value, sink) = await Run(engine, "var d = display(1);\nd.Update(2);\nd.DisplayId");

        var (shown, id) = Assert.Single(sink.Displays);
        var (updated, updateId) = Assert.Single(sink.Updates);
        Assert.Equal("1", shown.Text);
        Assert.Equal("2", updated.Text);
        Assert.Equal(id, updateId);
        Assert.Equal(id, value!.Text);
    }

    [Fact]
    public async Task DisplayExtension_ObjectAndMimeTypes_RenderedByOurPipeline()
    {
        await using var engine = new ScriptEngine();

        var (_, sink) = await Run(engine, "new { Region = \"Europe\", Files = 3 }.Display();\n\"plain only\".Display(\"text/plain\");\n\"# Hi\".DisplayAs(\"text/markdown\");");

        Assert.Equal(3, sink.Displays.Count);
        Assert.Contains("Europe", sink.Displays[0].Value.Html, StringComparison.Ordinal);
        Assert.Contains("Region", sink.Displays[0].Value.Text, StringComparison.Ordinal);
        Assert.Equal([MimeTypes.PlainText], sink.Displays[1].Value.Bundle.Select(p => p.MimeType));
        Assert.Equal("# Hi", sink.Displays[2].Value[MimeTypes.Markdown]);
        Assert.All(sink.Displays, d => Assert.NotNull(d.Id));
    }

    [Fact]
    public async Task HtmlJavascriptCss_SendHtmlAsTheEngineDid()
    {
        await using var engine = new ScriptEngine();

        var (html, _) = await Run(engine, "HTML(\"<b>bold</b>\")");
        var (_, scripts) = await Run(engine, "Javascript(\"console.log(1)\");\nCSS(\"b { color: red }\");");

        Assert.Equal("<b>bold</b>", html!.Html);
        Assert.Equal("bold", html.Text);
        Assert.Equal("<script type=\"text/javascript\">console.log(1)</script>", scripts.Displays[0].Value.Html);
        Assert.Equal("[JavaScript]", scripts.Displays[0].Value.Text);
        Assert.Contains("b { color: red }", scripts.Displays[1].Value.Html, StringComparison.Ordinal);
        Assert.Contains("document.createElement('style')", scripts.Displays[1].Value.Html, StringComparison.Ordinal);
        Assert.Equal("[CSS]", scripts.Displays[1].Value.Text);
    }

    [Fact]
    public async Task LaTeXAndMath_AreTextLatex()
    {
        await using var engine = new ScriptEngine();

        var (latex, _) = await Run(engine, "new LaTeXString(@\"\\frac{1}{2}\")");
        var (math, _) = await Run(engine, "(MathString)@\"x^2\"");

        Assert.Equal(@"\frac{1}{2}", latex![MimeTypes.Latex]);
        Assert.Equal(@"\frac{1}{2}", latex.Text);
        Assert.Equal("$$x^2$$", math![MimeTypes.Latex]);
        Assert.Equal("$$x^2$$", math.Text);
    }

    [Fact]
    public async Task PocketView_DivOfB_IsHtml()
    {
        await using var engine = new ScriptEngine();

        var (value, _) = await Run(engine, "using static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;\ndiv(b(\"x\"), i(\"y\"))");

        Assert.Equal("<div><b>x</b><i>y</i></div>", value!.Html);
        Assert.Equal("xy", value.Text);
    }

    [Fact]
    public async Task DefaultImports_DiscardStaysADiscard()
    {
        await using var engine = new ScriptEngine();

        // With PocketViewTags imported by default, `_` was its read-only property: CS0200.
        var (value, _) = await Run(engine, "_ = Task.CompletedTask;\nint.TryParse(\"7\", out _)");

        Assert.Equal("true", value!.Text);
    }

    [Fact]
    public async Task DisplayTable_Rows_HtmlTableCsvAndTextTable()
    {
        await using var engine = new ScriptEngine();

        var (_, sink) = await Run(engine, "new[] { new { Name = \"wmr1006.csv\", Size = 10 }, new { Name = \"b.csv\", Size = 20 } }.DisplayTable();");

        var shown = Assert.Single(sink.Displays).Value;
        Assert.Contains("<table", shown.Html, StringComparison.Ordinal);
        Assert.Contains("wmr1006.csv", shown.Html, StringComparison.Ordinal);
        Assert.Equal("Name,Size\nwmr1006.csv,10\nb.csv,20\n", shown[MimeTypes.Csv]!.Replace("\r", "", StringComparison.Ordinal));
        Assert.Contains("wmr1006.csv", shown.Text, StringComparison.Ordinal);
        Assert.Contains("2 rows", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormatterRegister_HtmlAndPlain_WinUntilResetToDefault()
    {
        await using var engine = new ScriptEngine();
        try
        {
            await Run(engine, "record Spot(string Region, int Count);\n" +
                "Formatter.Register<Spot>(s => $\"<i>{s.Region}</i>\", \"text/html\");\n" +
                "Formatter.Register<Spot>(s => $\"{s.Region}: {s.Count}\", \"text/plain\");");

            var (registered, _) = await Run(engine, "new Spot(\"Europe\", 3)");
            var (shown, sink) = await Run(engine, "display(new Spot(\"Asia\", 4));");
            var (reset, _) = await Run(engine, "Formatter.ResetToDefault();\nnew Spot(\"Europe\", 3)");

            Assert.Equal("<i>Europe</i>", registered!.Html);
            Assert.Equal("Europe: 3", registered.Text);
            Assert.True(registered.UserFormatted);
            Assert.Equal("<i>Asia</i>", Assert.Single(sink.Displays).Value.Html);
            Assert.DoesNotContain("<i>", reset!.Html, StringComparison.Ordinal);
            Assert.Contains("Europe", reset.Html, StringComparison.Ordinal);
            Assert.False(reset.UserFormatted);
        }
        finally
        {
            Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        }
    }

    [Fact]
    public async Task FormatterRegister_PlainOnly_FeedsTheTextAndKeepsTheRest()
    {
        await using var engine = new ScriptEngine();
        try
        {
            var (value, _) = await Run(engine, "record Tag(string Name);\nFormatter.Register<Tag>(t => \"#\" + t.Name, \"text/plain\");\nnew Tag(\"sftp\")");

            Assert.Equal("#sftp", value!.Text);
            Assert.Contains("sftp", value.Html, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        }
    }

    [Fact]
    public async Task OurFormattersRegister_WinsOverFormatterRegister()
    {
        await using var engine = new ScriptEngine();
        try
        {
            var (value, _) = await Run(engine, "record Pair(int A);\nFormatter.Register<Pair>(p => \"theirs\", \"text/html\");\n" +
                "Formatters.Register<Pair>(html: p => \"ours\");\nnew Pair(1)");

            Assert.Equal("ours", value!.Html);
        }
        finally
        {
            Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        }
    }

    [Fact]
    public async Task DefaultObject_EngineHtmlAndOurText_ListExpansionLimitHonoured()
    {
        await using var engine = new ScriptEngine();

        var (value, _) = await Run(engine, "new { Region = \"Europe\", Files = 3 }");
        var (list, _) = await Run(engine, "Enumerable.Range(0, 30)");

        Assert.Contains("<td>Region</td>", value!.Html, StringComparison.Ordinal);
        Assert.Contains("Europe", value.Text, StringComparison.Ordinal);
        Assert.Contains("(10 more)", list!.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormatterListExpansionLimit_SetInACell_BoundsTheDefaultHtml()
    {
        await using var engine = new ScriptEngine();
        try
        {
            var (list, _) = await Run(engine, "Formatter.ListExpansionLimit = 5;\nEnumerable.Range(0, 30)");

            Assert.Contains("4 ... (25 more)", list!.Html, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        }
    }
}
