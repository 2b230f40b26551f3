using System.Collections;
using System.Reflection;

namespace SftpInteractive.Tests.Display;

/// <summary>Finds and calls our formatters exactly the way .NET Interactive does: by attribute NAME on the value's
/// type hierarchy, <c>FormatterSourceType</c>, a new source, <c>CreateTypeFormatters()</c>, then
/// <c>MimeType</c> / <c>Format(object, TextWriter)</c> by reflection — no reference to its packages.</summary>
public sealed class PolyglotConventionTests
{
    private static IEnumerable<object> FormattersFor(object value)
    {
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var attribute in type.GetCustomAttributes(true))
            {
                var attributeType = attribute.GetType();
                if (attributeType.Name != "TypeFormatterSourceAttribute")
                {
                    continue;
                }

                var sourceType = (Type)attributeType.GetProperty("FormatterSourceType")!.GetValue(attribute)!;
                var source = Activator.CreateInstance(sourceType)!;
                var formatters = (IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
                foreach (var formatter in formatters)
                {
                    yield return formatter;
                }
            }
        }
    }

    private static string? FormatAs(object value, string mimeType)
    {
        foreach (var formatter in FormattersFor(value))
        {
            var type = formatter.GetType();
            if ((string)type.GetProperty("MimeType")!.GetValue(formatter)! != mimeType)
            {
                continue;
            }

            var formatsType = (Type?)type.GetProperty("Type")?.GetValue(formatter);
            Assert.True(formatsType is null || formatsType.IsInstanceOfType(value));
            using var writer = new StringWriter();
            var handled = (bool)type.GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!;
            return handled ? writer.ToString() : null;
        }

        return null;
    }

    private static RemoteEntry Entry(string name) =>
        new(name, "/d/" + name, RemoteEntryType.File, 42, new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc), 0x1A4, 0, 0);

    public static TheoryData<object> DisplayValues() => new()
    {
        new RemoteListing("/d", [Entry("a.csv"), Entry("b.csv")]),
        Entry("a.csv"),
        new ExecResult("echo hi", "hi\n", "", 0, TimeSpan.FromMilliseconds(5)),
        new DiskUsage("/", 1000, 400, 300, 10, 5),
        new RemovalResult("/d", ["/d/a", "/d"], true, 1),
        new DisplayTable("t", "A").AddRow("x"),
        Found(),
        Searched(dryRun: true),
        Searched(dryRun: false),
        Moved("/d/a.csv"),
        Report(),
        Plan(),
        Preview(),
        new TransferProgress("/d/a.csv", 21, 42, 21, 42, 0, 1, 1000, TimeSpan.FromSeconds(1)),
    };

    private static FindResult Found() =>
        new("/d", "a*.csv", [Entry("a.csv"), Entry("ab.csv")], [new PathError("/d/locked", "permission denied")], TimeSpan.FromMilliseconds(12));

    private static TransferPlan Plan() =>
        new(TransferDirection.Download, "/d", "/out", [
            new TransferPlanItem("/d/a.csv", "/out/a.csv", "a.csv", 42, new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc), TransferAction.Transfer),
            new TransferPlanItem("/d/ab.csv", "/out/ab.csv", "ab.csv", 42, new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc), TransferAction.SkipIdentical),
        ]);

    private static TransferResult Moved(string source) =>
        new(TransferDirection.Download, source, "/out" + source[2..], TransferAction.Transfer, 42, 42, TimeSpan.FromMilliseconds(3)) { Verified = "size" };

    private static TransferReport Report() => new(Plan(), [Moved("/d/a.csv")], [new PathError("/d/ab.csv", "connection lost")], TimeSpan.FromMilliseconds(5));

    private static SearchDownloadResult Searched(bool dryRun) => new(Found(), Plan(), dryRun ? null : Report());

    private static CsvPreview Preview() => new("/d/a.csv", ["date", "temp"], [["2026-01-01", "3.5"], ["2026-01-02", "4.25"]], more: true);

    [Theory]
    [MemberData(nameof(DisplayValues))]
    public void Format_HtmlAndText_ByConvention(object value)
    {
        var display = (IRichDisplay)value;

        Assert.Equal(display.ToHtml(), FormatAs(value, "text/html"));
        Assert.Equal(display.ToText(), FormatAs(value, "text/plain"));
    }

    [Fact]
    public void Format_Listing_IsAnHtmlTableWithEveryEntry()
    {
        var html = FormatAs(new RemoteListing("/d", [Entry("a.csv"), Entry("b.csv")]), "text/html")!;

        Assert.StartsWith("<div class=\"sftpi\">", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:left\">a.csv</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:left\">b.csv</td>", html, StringComparison.Ordinal);
    }

    public static TheoryData<object, string[]> HtmlExpectations() => new()
    {
        { Found(), ["<table", "<td style=\"text-align:left\">/d/a.csv</td>", "<td style=\"text-align:left\">/d/ab.csv</td>", "2 matches", "/d/locked: permission denied"] },
        { Searched(dryRun: true), ["<b>2 matches</b>", "<code>a*.csv</code>", "<table", "Transfer plan", "<td style=\"text-align:left\">a.csv</td>", "SkipIdentical"] },
        { Searched(dryRun: false), ["<b>2 matches</b>", "<table", "<td style=\"text-align:left\">/out/a.csv</td>", "/d/ab.csv: connection lost"] },
        { Moved("/d/a.csv"), ["<div class=\"sftpi-transfer\">", "Transfer /d/a.csv -&gt; /out/a.csv", "verified: size"] },
        { Report(), ["<table", "<td style=\"text-align:left\">/out/a.csv</td>", "Failed", "1 file moved", "1 failed"] },
        { Plan(), ["<table", "<th style=\"cursor:pointer;text-align:left\" onclick=\"sftpiSort(this,3)\">Path</th>", "<td style=\"text-align:left\">ab.csv</td>", "1 to move", "1 identical"] },
        { Preview(), ["<table", "<th style=\"cursor:pointer;text-align:left\" onclick=\"sftpiSort(this,1)\">temp</th>", "<td style=\"text-align:left\">4.25</td>", "2 rows shown (the file has more)"] },
        { new TransferProgress("/d/a.csv", 21, 42, 21, 42, 0, 1, 1000, TimeSpan.FromSeconds(1)), ["<progress max=\"100\" value=\"50.0\"", "/d/a.csv"] },
    };

    [Theory]
    [MemberData(nameof(HtmlExpectations))]
    public void Format_FindAndTransferResults_RenderAsHtml(object value, string[] expected)
    {
        var html = FormatAs(value, "text/html");

        Assert.NotNull(html);
        foreach (var fragment in expected)
        {
            Assert.Contains(fragment, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Attribute_HasTheShapeDotNetInteractiveExpects()
    {
        var attribute = typeof(RemoteListing).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var attributeType = attribute.GetType();

        Assert.NotNull(attributeType.GetConstructor([typeof(Type)]));
        Assert.Equal(typeof(string[]), attributeType.GetProperty("PreferredMimeTypes")!.PropertyType);
        Assert.Equal("SftpFormatterSource", ((Type)attributeType.GetProperty("FormatterSourceType")!.GetValue(attribute)!).Name);
        Assert.DoesNotContain(typeof(Sftp).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_ForeignObject_IsNotHandled()
    {
        var formatter = FormattersFor(Entry("x")).First();

        var handled = (bool)formatter.GetType().GetMethod("Format")!.Invoke(formatter, ["not ours", new StringWriter()])!;

        Assert.False(handled);
    }
}
