using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using SftpInteractive.Scripting.Notebook;

namespace SftpInteractive.Scripting;

/// <summary>
/// The one display pipeline every host uses: rich core types render themselves, sequences of objects become tables,
/// strings and primitives become text. All text is redacted.
/// </summary>
public static class DisplayRenderer
{
    /// <summary>Renders <paramref name="value"/> as a MIME bundle. One order for every host: <paramref name="formatters"/>
    /// (our <c>Formatters.Register</c>) first; then registrations made with .NET Interactive's
    /// <c>Formatter.Register</c> (by cells or by packages' extensions; a <c>text/plain</c>-only one supplies the text and
    /// the rest continues); then .NET Interactive convention formatters found on the value's type; then the value's own
    /// forms (<see cref="IMimeDisplay"/>, the notebook API's values, <see cref="IRichDisplay"/>, <see cref="ITabular"/>);
    /// then the defaults (the engine's HTML for objects and sequences, our text). Every text part is redacted.</summary>
    public static RenderedValue Render(object? value, FormatterRegistry? formatters = null)
    {
        try
        {
            return Redacted(RenderCore(value, formatters));
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
        null or string or IRichDisplay or IMimeDisplay or Widgets.Widget => null,
        IEnumerable sequence when ObjectTable.IsTabular(sequence) => ObjectTable.Build(sequence),
        _ => null,
    };

    private static RenderedValue RenderCore(object? value, FormatterRegistry? formatters)
    {
        if (value is not null && formatters?.Find(value.GetType()) is { } registered)
        {
            return FromParts(value, [.. registered.Select(f => new MimePart(f.Key, f.Value(value)))]) with { UserFormatted = true };
        }

        if (value is not null && AssemblyPresence.Formatting && NotebookFormatting.PrefersPlainText(value.GetType()))
        {
            // Formatter.SetPreferredMimeTypesFor(typeof(T), "text/plain"): the user asked for text alone.
            var plain = NotebookFormatting.UserParts(value)?.FirstOrDefault(p => p.MimeType == MimeTypes.PlainText)?.Content;
            return new RenderedValue(plain ?? Builtin(value).Text, null, value) { UserFormatted = true };
        }

        if (value is not null && AssemblyPresence.Formatting && NotebookFormatting.UserParts(value) is { Count: > 0 } user)
        {
            if (PlotlyOffline.IsChart(value))
            {
                user = PlotlyParts(value, user);
            }

            return user.All(p => p.MimeType == MimeTypes.PlainText)
                ? Unregistered(value) with { Text = user[0].Content, UserFormatted = true }
                : FromParts(value, user) with { UserFormatted = true };
        }

        return Unregistered(value);
    }

    private static RenderedValue Unregistered(object? value)
    {
        if (value is not null && ConventionFormatters.Render(value) is { Count: > 0 } convention)
        {
            return FromParts(value, convention);
        }

        if (value is Widgets.Widget widget)
        {
            return WidgetDisplay.Render(widget);
        }

        if (value is IMimeDisplay mime)
        {
            return FromParts(value, [new MimePart(MimeTypes.PlainText, mime.ToText()), .. mime.ToMimeParts()]);
        }

        if (value is not null && AssemblyPresence.Any && NotebookFormatting.Parts(value) is { } notebook)
        {
            return FromParts(value, notebook);
        }

        if (value is IEnumerable sequence and not string and not IRichDisplay and not ITabular and not IMimeDisplay && ObjectTable.IsTabular(sequence))
        {
            // Built once, in the submission's flow (a cell's tuple names, its row limit), and kept for a terminal host.
            var table = ObjectTable.Build(sequence);
            return new RenderedValue(table.ToText(), table.ToHtml(), value) { Table = table };
        }

        var (text, html) = Builtin(value);
        return new RenderedValue(text, html, value);
    }

    /// <summary>A Plotly.NET chart's parts: its HTML drawn offline (<see cref="PlotlyOffline"/>) and a text/plain that
    /// names its traces instead of F#'s dump of the chart's fields.</summary>
    private static IReadOnlyList<MimePart> PlotlyParts(object chart, IReadOnlyList<MimePart> parts)
    {
        if (parts.FirstOrDefault(p => p.MimeType == MimeTypes.Html) is not { } html)
        {
            return parts;
        }

        var rewritten = PlotlyOffline.Session.Rewrite(chart, html.Content) ?? html.Content;
        return [new(MimeTypes.PlainText, PlotlyOffline.Text(html.Content)), .. parts.Where(p => p.MimeType is not MimeTypes.PlainText and not MimeTypes.Html), new(MimeTypes.Html, rewritten)];
    }

    /// <summary>A bundle from a formatter's parts: its text, or the built-in text when it gives none; its HTML only
    /// (a built-in HTML form would outrank the formatter's markdown or image in a notebook).</summary>
    private static RenderedValue FromParts(object value, IReadOnlyList<MimePart> parts)
    {
        var text = parts.FirstOrDefault(p => p.MimeType == MimeTypes.PlainText)?.Content ?? Builtin(value).Text;
        var html = parts.FirstOrDefault(p => p.MimeType == MimeTypes.Html)?.Content;
        return new RenderedValue(text, html, value) { Parts = [.. parts.Where(p => p.MimeType is not MimeTypes.PlainText and not MimeTypes.Html)] };
    }

    /// <summary><paramref name="rendered"/> with every text part redacted.</summary>
    internal static RenderedValue Redacted(RenderedValue rendered) => rendered with
    {
        Text = Redactor.Redact(rendered.Text),
        Html = rendered.Html is null ? null : Redactor.Redact(rendered.Html),
        Parts = [.. rendered.Parts.Select(p => MimeTypes.IsBinary(p.MimeType) ? p : p with { Content = Redactor.Redact(p.Content) })],
    };

    private static (string Text, string? Html) Builtin(object? value)
    {
        switch (value)
        {
            case null:
                return ("null", null);
            case string s:
                // A string is text/plain only, as the engine sends it (its preferred MIME type for strings): an HTML <pre>
                // of the same text would outrank the plain text and show a box where a notebook reader expects words.
                return (s, null);
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
                var table = ObjectTable.Build(sequence);
                return (table.ToText(), table.ToHtml());
            case IEnumerable sequence:
                var list = ObjectTable.Inline(sequence);
                return (list, NotebookFormatting.EngineHtml(sequence));
            default:
                var text = HasOwnToString(value.GetType()) ? value.ToString() ?? string.Empty : ObjectTable.Properties(value).ToText();
                return (text, NotebookFormatting.EngineHtml(value));
        }
    }

    private static string Pre(string text) => "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";

    private static bool HasOwnToString(Type type) =>
        type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)?.DeclaringType != typeof(object);
}
