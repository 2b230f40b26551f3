using System.Text.RegularExpressions;

namespace SftpInteractive.Tests.Display;

/// <summary>A long table shows its first and last rows with "… N more rows (M in all)" between them, in text and HTML
/// alike, under the one limit <see cref="DisplayOptions.MaxRows"/>; the value keeps every row.</summary>
public sealed partial class BoundedOutputTests
{
    private static DisplayTable Numbers(int count) => new DisplayTable("n", "N").AddRows(Enumerable.Range(1, count), i => [$"row{i}"]);

    [Fact]
    public void ToText_MoreRowsThanTheLimit_ShowsFirstAndLastRowsWithTheCountBetween()
    {
        var lines = Numbers(500).ToText().Split('\n');

        // title, header, rule, 50 rows, the "more" line, 50 rows
        Assert.Equal(3 + DisplayOptions.DefaultMaxRows + 1, lines.Length);
        Assert.Equal("row1", lines[3]);
        Assert.Equal("row50", lines[52]);
        Assert.Equal("… 400 more rows (500 in all)", lines[53]);
        Assert.Equal("row451", lines[54]);
        Assert.Equal("row500", lines[^1]);
    }

    [Fact]
    public void ToHtml_MoreRowsThanTheLimit_HasTheSameRowsAndLineAsTheText()
    {
        var table = Numbers(500);

        var html = table.ToHtml();
        var cells = Cell().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(DisplayOptions.DefaultMaxRows + 1, Row().Count(html[html.IndexOf("<tbody>", StringComparison.Ordinal)..]));
        Assert.Equal("row50", cells[49]);
        Assert.Equal("<i>… 400 more rows (500 in all)</i>", cells[50]);
        Assert.Equal("row451", cells[51]);
        Assert.Contains("colspan=\"1\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 100, "")]
    [InlineData(101, 100, "… 1 more row (101 in all)")]
    [InlineData(7, 5, "… 2 more rows (7 in all)")]
    public void ShownRows_AtAndOverTheLimit_AllOrHeadAndTail(int rows, int limit, string more)
    {
        var (shown, line) = Numbers(rows).ShownRows(limit);

        Assert.Equal(more, line);
        Assert.Equal(Math.Min(rows, limit), shown.Count(r => r is not null));
    }

    [Fact]
    public void MaxRows_SetForTheSession_ChangesEveryTable()
    {
        using (DisplayOptions.Use(DisplayOptions.DefaultMaxRows))
        {
            DisplayOptions.MaxRows = 10;

            var text = Numbers(30).ToText();

            Assert.Contains("… 20 more rows (30 in all)", text, StringComparison.Ordinal);
            Assert.Contains("row5\n…", text, StringComparison.Ordinal);
            Assert.EndsWith("row26\nrow27\nrow28\nrow29\nrow30", text, StringComparison.Ordinal);
        }

        Assert.Equal(DisplayOptions.DefaultMaxRows, DisplayOptions.MaxRows);
    }

    [Fact]
    public void AddRows_HundredThousandItems_FormatsOnlyTheRowsShown()
    {
        var formatted = 0;

        var table = new DisplayTable(null, "N").AddRows(Enumerable.Range(0, 100_000), i => [(++formatted).ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(DisplayOptions.DefaultMaxRows, formatted);
        Assert.Equal(100_000, table.TotalRows);
    }

    [Fact]
    public void ShownRows_SmallerLimitThanWhenBuilt_TakesHeadAndTailFromTheKeptRows()
    {
        var table = Numbers(500);

        var (shown, line) = table.ShownRows(10);

        Assert.Equal(["row1", "row2", "row3", "row4", "row5", null, "row496", "row497", "row498", "row499", "row500"], shown.Select(r => r?[0]));
        Assert.Equal("… 490 more rows (500 in all)", line);
    }

    [Fact]
    public void FindResult_ThousandMatches_ShowsHundredRowsAndCountsAll()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => new RemoteEntry($"f{i}", $"/d/f{i}", RemoteEntryType.File, i, DateTime.UnixEpoch, 0x1A4, 0, 0)).ToList();

        var text = new FindResult("/d", "*", entries, [], TimeSpan.FromSeconds(1)).ToText();

        Assert.Contains("… 900 more rows (1000 in all)", text, StringComparison.Ordinal);
        Assert.Contains("/d/f999", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/d/f500", text, StringComparison.Ordinal);
        Assert.EndsWith("1000 matches in 1.0 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ScriptsAndStylesStripped_StillATableWithItsRowsAndCount()
    {
        var html = Numbers(500).ToHtml();

        // What GitHub and nbviewer keep: no <script>, no style attributes.
        var stripped = Style().Replace(Script().Replace(html, string.Empty), string.Empty);

        Assert.Matches("^<div class=\"sftpi\"><div class=\"sftpi-title\"><b>n</b></div><table class=\"sftpi-table\"><thead><tr><th>N</th></tr></thead><tbody><tr><td>row1</td></tr>", stripped);
        Assert.Contains("<tr class=\"sftpi-more\"><td colspan=\"1\"><i>… 400 more rows (500 in all)</i></td></tr>", stripped, StringComparison.Ordinal);
        Assert.EndsWith("<tr><td>row500</td></tr></tbody></table></div>", stripped, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex(" (style|onclick)=\"[^\"]*\"")]
    private static partial Regex Style();

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Cell();

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex Row();
}
