using System.Collections;

namespace SftpInteractive.Scripting;

/// <summary>A variable's value in one short line (for <c>#who</c> and inspect): lazy sequences are never enumerated,
/// everything else is the first line of its rendered text, redacted and cut to a width.</summary>
internal static class ValueSummary
{
    public const int Width = 80;

    public static string Of(object? value, FormatterRegistry? formatters = null)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return Cut("\"" + Redactor.Redact(s).ReplaceLineEndings("⏎") + "\"");
            case ICollection collection when value is not IRichDisplay and not ITabular:
                var shown = ObjectTable.IsTabular(collection) ? Format.Count(collection.Count, "row") : ObjectTable.Inline(collection, 20);
                return Cut(Redactor.Redact(shown));
            case IEnumerable and not IRichDisplay and not ITabular and not IMimeDisplay:
                // A LINQ query may be slow, endless or have side effects: describing it must not run it.
                return "(sequence, not enumerated)";
        }

        var text = DisplayRenderer.Render(value, formatters).Text;
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return Cut(first);
    }

    private static string Cut(string text) => text.Length <= Width ? text : text[..(Width - 1)] + "…";
}
