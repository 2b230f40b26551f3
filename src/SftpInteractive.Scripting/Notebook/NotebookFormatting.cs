using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace SftpInteractive.Scripting.Notebook;

/// <summary>
/// The display pipeline's use of .NET Interactive's <c>Formatter</c> (Microsoft.DotNet.Interactive.Formatting, the
/// same assembly cells and packages such as Plotly.NET.Interactive use): the user's <c>Formatter.Register</c>
/// registrations, the values the notebook API is made of (<c>LaTeXString</c>, <c>IHtmlContent</c> and PocketView,
/// <c>TabularDataResource</c>, <c>FormattedValue</c>), and the engine's default HTML for objects and sequences. Callers
/// check <see cref="AssemblyPresence"/> first, so nothing here loads the assembly in a session that does not use it.
/// </summary>
internal static class NotebookFormatting
{
    /// <summary>The MIME types the user registered a <c>Formatter.Register</c> formatter for that applies to
    /// <paramref name="value"/>, each formatted by the real <c>Formatter</c> (which picks the user's formatter first);
    /// null when there is none.</summary>
    public static IReadOnlyList<MimePart>? UserParts(object value)
    {
        var type = value.GetType();
        List<string>? mimeTypes = null;
        foreach (var formatter in Formatter.RegisteredFormatters(includeDefaults: false))
        {
            if (formatter.Type is { } target && Applies(target, type) && !(mimeTypes ??= []).Contains(formatter.MimeType))
            {
                mimeTypes.Add(formatter.MimeType);
            }
        }

        return mimeTypes?.Select(m => new MimePart(m, value.ToDisplayString(m))).ToList();
    }

    /// <summary>True when <c>Formatter.SetPreferredMimeTypesFor</c> asks for <c>text/plain</c> alone for
    /// <paramref name="type"/> (strings are, by the engine's default; the renderer shows them as text anyway).</summary>
    public static bool PrefersPlainText(Type type) =>
        type != typeof(string) && Formatter.GetPreferredMimeTypesFor(type).ToList() is { Count: > 0 } preferred && preferred.TrueForAll(m => m == MimeTypes.PlainText);

    /// <summary>The notebook API's own values as MIME parts (text/plain first), or null for any other value.</summary>
    public static IReadOnlyList<MimePart>? Parts(object value) => value switch
    {
        LaTeXString latex => [new(MimeTypes.PlainText, latex.ToString()), new(MimeTypes.Latex, latex.ToString())],
        FormattedValue formatted => formatted.MimeType == MimeTypes.PlainText
            ? [new(MimeTypes.PlainText, formatted.Value ?? string.Empty)]
            : [new(MimeTypes.PlainText, formatted.MimeType == MimeTypes.Html ? new HtmlContent(formatted.Value ?? string.Empty).ToText() : formatted.Value ?? string.Empty),
                new(formatted.MimeType, formatted.Value ?? string.Empty)],
        TabularDataResource table =>
        [
            new(MimeTypes.PlainText, TableText(table)),
            new(MimeTypes.Html, table.ToDisplayString(MimeTypes.Html)),
            new(MimeTypes.Csv, table.ToDisplayString(MimeTypes.Csv)),
        ],
        IHtmlContent html => HtmlParts(html),
        _ => null,
    };

    /// <summary>What the engine shows as <c>text/html</c> for a value with no better view: a tree of properties for an
    /// object, a bounded list for a sequence (<c>Formatter.ListExpansionLimit</c>, <c>RecursionLimit</c>).</summary>
    public static string EngineHtml(object value) => value.ToDisplayString(MimeTypes.Html);

    /// <summary><paramref name="value"/> as <paramref name="mimeType"/> by the real <c>Formatter</c>, or null when it has
    /// no formatter for that type (<c>display(x, "image/png")</c> for a string).</summary>
    public static string? TryFormat(object? value, string mimeType)
    {
        try
        {
            return value.ToDisplayString(mimeType);
        }
#pragma warning disable CA1031 // No formatter for that MIME type (ArgumentException) or one that throws: the part is left out.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static List<MimePart> HtmlParts(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        var text = writer.ToString();
        return [new(MimeTypes.PlainText, new HtmlContent(text).ToText()), new(MimeTypes.Html, text)];
    }

    private static string TableText(TabularDataResource resource)
    {
        var fields = resource.Schema.Fields.Select(f => f.Name).ToArray();
        var table = new DisplayTable(null, fields);
        table.AddRows(resource.Data, row =>
        {
            var cells = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return [.. fields.Select(f => cells.TryGetValue(f, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty)];
        });
        table.Footer = Format.Count(table.TotalRows, "row");
        return table.ToText();
    }

    // The engine's rule: the registered type, a base type or interface of the value's type, or the open generic
    // definition of one of them (Formatter.Register(typeof(List<>), ...)).
    private static bool Applies(Type target, Type type)
    {
        if (target.IsAssignableFrom(type))
        {
            return true;
        }

        if (!target.IsGenericTypeDefinition)
        {
            return false;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == target)
            {
                return true;
            }
        }

        return type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == target);
    }
}
