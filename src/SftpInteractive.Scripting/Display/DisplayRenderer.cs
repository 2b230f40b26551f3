using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>
/// The one display pipeline every host uses: rich core types render themselves, sequences of objects become tables,
/// strings and primitives become text. All text is redacted.
/// </summary>
public static class DisplayRenderer
{
    /// <summary>Most rows a generic sequence shows before "… and N more".</summary>
    public const int MaxRows = 200;

    /// <summary>Renders <paramref name="value"/> as text and (where it has a rich form) HTML.</summary>
    public static RenderedValue Render(object? value)
    {
        try
        {
            var (text, html) = RenderCore(value);
            return new RenderedValue(Redactor.Redact(text), html is null ? null : Redactor.Redact(html), value);
        }
#pragma warning disable CA1031 // A value that fails to render must never break the host's loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new RenderedValue(Redactor.Redact($"<{value?.GetType().Name} could not be displayed: {e.Message}>"), null, value);
        }
    }

    /// <summary>The table a terminal host should draw for <paramref name="value"/>, or null when it is not tabular.</summary>
    public static DisplayTable? AsTable(object? value) => value switch
    {
        ITabular tabular => tabular.ToTable(),
        DisplayTable table => table,
        null or string or IRichDisplay => null,
        IEnumerable sequence when ObjectTable.IsTabular(sequence) => ObjectTable.Build(sequence, MaxRows),
        _ => null,
    };

    private static (string Text, string? Html) RenderCore(object? value)
    {
        switch (value)
        {
            case null:
                return ("null", null);
            case string s:
                return (s, Pre(s));
            case IRichDisplay rich:
                return (rich.ToText(), rich.ToHtml());
            case ITabular tabular:
                var t = tabular.ToTable();
                return (t.ToText(), t.ToHtml());
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum:
                var f = formattable.ToString(null, CultureInfo.InvariantCulture);
                return (f, Pre(f));
            case bool b:
                return (b ? "true" : "false", null);
            case char c:
                return (c.ToString(), null);
            case IEnumerable sequence when ObjectTable.IsTabular(sequence):
                var table = ObjectTable.Build(sequence, MaxRows);
                return (table.ToText(), table.ToHtml());
            case IEnumerable sequence:
                var list = ObjectTable.Inline(sequence, MaxRows);
                return (list, Pre(list));
            default:
                var text = HasOwnToString(value.GetType()) ? value.ToString() ?? string.Empty : ObjectTable.Properties(value).ToText();
                return (text, Pre(text));
        }
    }

    private static string Pre(string text) => "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";

    private static bool HasOwnToString(Type type) =>
        type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)?.DeclaringType != typeof(object);
}
