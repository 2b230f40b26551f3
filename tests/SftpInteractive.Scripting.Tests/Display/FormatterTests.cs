using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests.Display;

public sealed class FormatterTests
{
    private static async Task<RenderedValue> Value(ScriptEngine engine, string code)
    {
        var result = await engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
        return Assert.IsType<SubmissionResult.Success>(result, exactMatch: false).Rendered!;
    }

    [Fact]
    public async Task Register_UserType_HtmlAndTextUsedForDisplayAndCellValue()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        await engine.ExecuteAsync("record Point(int X, int Y);\nFormatters.Register<Point>(html: p => $\"<b>{p.X},{p.Y}</b>\", text: p => $\"({p.X},{p.Y})\");", sink, TestContext.Current.CancellationToken);

        var value = await Value(engine, "new Point(1, 2)");
        await engine.ExecuteAsync("Display(new Point(3, 4));", sink, TestContext.Current.CancellationToken);

        Assert.Equal("<b>1,2</b>", value.Html);
        Assert.Equal("(1,2)", value.Text);
        Assert.Equal("<b>3,4</b>", Assert.Single(sink.Displays).Value.Html);
    }

    [Fact]
    public void Find_MostDerivedWinsThenMostRecent_ClearRemovesAll()
    {
        var formatters = new FormatterRegistry();
        formatters.Register<object>(text: _ => "object");
        formatters.Register<Exception>(text: _ => "exception");
        formatters.Register<object>(text: _ => "object again");

        var forArgument = DisplayRenderer.Render(new ArgumentException("x"), formatters).Text;
        var forString = DisplayRenderer.Render(new Uri("http://example.org"), formatters).Text;
        formatters.Register<Exception>(text: _ => "newer exception");
        var newer = DisplayRenderer.Render(new ArgumentException("x"), formatters).Text;
        formatters.Clear();

        Assert.Equal("exception", forArgument);
        Assert.Equal("object again", forString);
        Assert.Equal("newer exception", newer);
        Assert.Equal("http://example.org/", DisplayRenderer.Render(new Uri("http://example.org"), formatters).Text);
    }

    [Fact]
    public void Register_HtmlOnly_KeepsBuiltInText()
    {
        var formatters = new FormatterRegistry();
        formatters.Register<Version>(html: v => $"<i>{v}</i>");

        var rendered = DisplayRenderer.Render(new Version(1, 2), formatters);

        Assert.Equal("<i>1.2</i>", rendered.Html);
        Assert.Equal("1.2", rendered.Text);
    }

    [Fact]
    public async Task ConventionFormatter_InAnAssemblyLoadedLater_RendersHtml()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-formatter-").FullName;
        var dll = FormatterLibrary.Build(dir);
        await using var engine = new ScriptEngine();

        await Value(engine, "1");
        var rendered = await Value(engine, $"#r \"{dll}\"\nnew Acme.Gauges.Gauge(42)");

        Assert.Equal(FormatterLibrary.ExpectedHtml, rendered.Html);
        Assert.Contains("42", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConventionFormatter_OurOwnTypes_RenderThroughTheSameConvention()
    {
        var table = new DisplayTable("t", "a").AddRow("x");

        Assert.Equal(table.ToHtml(), ConventionFormatters.Format(table, "text/html"));
        Assert.Equal(table.ToHtml(), DisplayRenderer.Render(table).Html);
    }
}
