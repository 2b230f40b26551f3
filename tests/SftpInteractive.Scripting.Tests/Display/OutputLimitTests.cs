using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Display;

/// <summary>Sequences through the engine: tuples, records and anonymous objects as tables, bounded by
/// <see cref="DisplayOptions.MaxRows"/> in text and HTML alike, and <c>DisplayAll</c> for every row.</summary>
public sealed class OutputLimitTests
{
    private static async Task<SubmissionResult.Success> Run(ScriptEngine engine, string code, RecordingSink? sink = null) =>
        Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken));

    /// <summary>A generic dictionary (its IEnumerable yields KeyValuePair, not DictionaryEntry) is a key/value table:
    /// the entries' cast failed and the value showed as "could not be displayed" (the Polyglot corpus caught it).</summary>
    [Fact]
    public async Task GenericDictionary_RendersAsAKeyValueTable()
    {
        await using var engine = new ScriptEngine();

        var rendered = (await Run(engine, "new Dictionary<string, int> { [\"zero\"] = 0, [\"one\"] = 1 }")).Rendered!;

        Assert.DoesNotContain("could not be displayed", rendered.Text, StringComparison.Ordinal);
        Assert.StartsWith("Key", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("one", rendered.Text, StringComparison.Ordinal);
        Assert.EndsWith("2 entries", rendered.Text.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:left\">zero</td>", rendered.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new[] { (\"Central\", 107), (\"Coast\", 107) }.ToList()", "Item1")]
    [InlineData("new[] { new { Region = \"Central\", Count = 107 }, new { Region = \"Coast\", Count = 107 } }", "Region")]
    [InlineData("record R(string Region, int Count);\nnew List<R> { new(\"Central\", 107), new(\"Coast\", 107) }", "Region")]
    public async Task Sequence_OfTuplesRecordsOrAnonymousObjects_RendersAsATable(string code, string header)
    {
        await using var engine = new ScriptEngine();

        var rendered = (await Run(engine, code)).Rendered!;

        var lines = rendered.Text.Split('\n');
        Assert.StartsWith(header, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Central", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("107", lines[3], StringComparison.Ordinal);
        Assert.Equal("2 rows", lines[^1]);
        Assert.Contains("<table", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:left\">Coast</td><td style=\"text-align:right\">107</td>", rendered.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Enumerable.Range(1, 2).Select(i => (Region: \"r\" + i, Files: i * 10)).ToList()")]
    [InlineData("var regions = new[] { (Region: \"r1\", Files: 10), (Region: \"r2\", Files: 20) };\nregions")]
    public async Task Sequence_OfNamedTuples_ColumnsCarryTheNamesOfTheCell(string code)
    {
        await using var engine = new ScriptEngine();

        var rendered = (await Run(engine, code)).Rendered!;

        Assert.Equal(["Region  Files", "------  -----", "r1         10", "r2         20", "2 rows"], rendered.Text.Split('\n'));
        Assert.Contains(">Region</th>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongSequence_TextAndHtml_ShowTheSameHeadAndTail()
    {
        await using var engine = new ScriptEngine();

        var rendered = (await Run(engine, "Enumerable.Range(1, 500).Select(i => (Name: $\"f{i}\", Size: i)).ToList()")).Rendered!;

        const string more = "… 400 more rows (500 in all)";
        Assert.Contains("f50 ", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(more, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("f51 ", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("f451", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(more, rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(">f51<", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">f451<", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongSequenceOfNumbers_OneLine_HeadAndTail()
    {
        await using var engine = new ScriptEngine();

        var text = (await Run(engine, "Enumerable.Range(1, 500).ToArray()")).Rendered!.Text;

        Assert.StartsWith("[1, 2, 3,", text, StringComparison.Ordinal);
        Assert.Contains("50, … 400 more items (500 in all), 451,", text, StringComparison.Ordinal);
        Assert.EndsWith("500]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisplayAll_LongSequence_ShowsEveryRowWhileTheSettingStays()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();

        await Run(engine, "var rows = Enumerable.Range(1, 300).Select(i => (Name: $\"f{i}\", Size: i)).ToList();\nDisplayAll(rows);", sink);
        var after = (await Run(engine, "rows")).Rendered!;

        var all = Assert.Single(sink.Displays).Value;
        Assert.Contains("f150 ", all.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("more rows", all.Text, StringComparison.Ordinal);
        Assert.Contains(">f150<", all.Html, StringComparison.Ordinal);
        Assert.Contains("… 200 more rows (300 in all)", after.Text, StringComparison.Ordinal);
    }
}
