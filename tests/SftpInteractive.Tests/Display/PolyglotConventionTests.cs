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
    };

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
