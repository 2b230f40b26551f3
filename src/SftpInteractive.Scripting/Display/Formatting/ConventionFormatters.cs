using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace SftpInteractive.Scripting;

/// <summary>
/// The .NET Interactive formatter convention, read by name so any assembly can use it without a reference to
/// .NET Interactive (ours does, see <c>SftpInteractive.Display.Polyglot</c>; so do packages that ship Polyglot
/// formatting): an attribute class named exactly <c>TypeFormatterSourceAttribute</c> on the value's type, a base type
/// or an interface, whose <c>FormatterSourceType</c> has a public parameterless constructor and a public
/// <c>CreateTypeFormatters()</c> returning objects with <c>string MimeType</c>, optional <c>Type Type</c> and
/// <c>bool Format(object, TextWriter)</c>. Types are examined when first rendered and cached, so assemblies loaded
/// at any time (<c>#r</c>, NuGet) are honoured.
/// </summary>
internal static class ConventionFormatters
{
    /// <summary>The attribute's class name, matched in any namespace.</summary>
    public const string AttributeName = "TypeFormatterSourceAttribute";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Entry>> Cache = new();

    /// <summary>Every MIME type a convention formatter writes for <paramref name="value"/> (the first formatter that
    /// accepts the value for a MIME type wins), in the source's preferred order; empty when there is none.</summary>
    public static IReadOnlyList<MimePart> Render(object value)
    {
        var parts = new List<MimePart>();
        foreach (var entry in Cache.GetOrAdd(value.GetType(), Discover))
        {
            if (parts.Exists(p => p.MimeType == entry.MimeType) || (entry.Type is not null && !entry.Type.IsInstanceOfType(value)))
            {
                continue;
            }

            if (entry.Write(value) is { } written)
            {
                parts.Add(new MimePart(entry.MimeType, written));
            }
        }

        return parts;
    }

    /// <summary>What the convention formatters write for <paramref name="value"/> as <paramref name="mimeType"/>, or null.</summary>
    public static string? Format(object value, string mimeType) =>
        Render(value).FirstOrDefault(p => p.MimeType == mimeType)?.Content;

    private static IReadOnlyList<Entry> Discover(Type type)
    {
        var entries = new List<Entry>();
        var owners = new List<Type>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            owners.Add(t);
        }

        owners.AddRange(type.GetInterfaces());
        foreach (var attribute in owners.SelectMany(Attributes).Distinct())
        {
            entries.AddRange(FromAttribute(attribute));
        }

        return entries;
    }

    private static IEnumerable<object> Attributes(Type owner)
    {
        try
        {
            return owner.GetCustomAttributes(inherit: false).Where(a => a.GetType().Name == AttributeName);
        }
#pragma warning disable CA1031 // An attribute whose assembly cannot load must not break rendering.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    private static IEnumerable<Entry> FromAttribute(object attribute)
    {
        var attributeType = attribute.GetType();
        if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType ||
            sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not { } create)
        {
            return [];
        }

        var preferred = attributeType.GetProperty("PreferredMimeTypes")?.GetValue(attribute) as string[] ?? [];
        List<Entry> entries = [];
        try
        {
            var source = Activator.CreateInstance(sourceType);
            foreach (var formatter in create.Invoke(source, null) as IEnumerable ?? Array.Empty<object>())
            {
                if (Entry.From(formatter) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }
#pragma warning disable CA1031 // A library's broken formatter source means "no formatters", never a failed display.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }

        return entries.OrderBy(e => Array.IndexOf(preferred, e.MimeType) is var i && i >= 0 ? i : preferred.Length);
    }

    private sealed record Entry(string MimeType, Type? Type, Func<object, string?> Write)
    {
        public static Entry? From(object? formatter)
        {
            var type = formatter?.GetType();
            if (type?.GetProperty("MimeType")?.GetValue(formatter) is not string mimeType ||
                type.GetMethod("Format", BindingFlags.Public | BindingFlags.Instance, [typeof(object), typeof(TextWriter)]) is not { } format ||
                format.ReturnType != typeof(bool))
            {
                return null;
            }

            var target = type.GetProperty("Type")?.GetValue(formatter) as Type;
            return new Entry(mimeType, target, value =>
            {
                using var writer = new StringWriter();
                try
                {
                    return format.Invoke(formatter, [value, writer]) is true ? writer.ToString() : null;
                }
#pragma warning disable CA1031 // A formatter that throws is skipped; the next representation is used.
                catch (Exception)
#pragma warning restore CA1031
                {
                    return null;
                }
            });
        }
    }
}
