using System.Collections;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary>Formats a value the way .NET Interactive does without a reference to our types: an attribute named
/// <c>TypeFormatterSourceAttribute</c> on the type hierarchy, its <c>FormatterSourceType</c>, a new instance,
/// <c>CreateTypeFormatters()</c>, then <c>MimeType</c> and <c>Format(object, TextWriter)</c> — all by reflection.</summary>
internal static class ConventionFormatting
{
    /// <summary>What the first formatter for <paramref name="mimeType"/> writes, or null when none handles the value.</summary>
    public static string? Format(object value, string mimeType)
    {
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var attribute in type.GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            {
                var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
                var source = Activator.CreateInstance(sourceType)!;
                foreach (var formatter in (IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!)
                {
                    var formatterType = formatter.GetType();
                    if ((string?)formatterType.GetProperty("MimeType")?.GetValue(formatter) != mimeType)
                    {
                        continue;
                    }

                    using var writer = new StringWriter();
                    var format = formatterType.GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
                    if ((bool)format.Invoke(formatter, [value, writer])!)
                    {
                        return writer.ToString();
                    }
                }
            }
        }

        return null;
    }
}
