using System.Net;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>Session variables in editor services. Inspect: adds a variable's current value (type and short rendering) to what inspect shows for the identifier at
/// the cursor, as IPython's <c>x?</c> does. Member names (<c>s.Name</c>) are not variables and get docs only.</summary>
internal static class VariableInspection
{
    public static InspectionResult? Add(InspectionResult? docs, string code, int cursor, ScriptState? state, FormatterRegistry formatters)
    {
        var name = IdentifierAt(code, cursor);
        if (name is null || WhoDirective.Latest(state).LastOrDefault(v => v.Name == name) is not { } variable)
        {
            return docs;
        }

        var type = TypeNames.Of(variable.Type);
        var value = ValueSummary.Of(variable.Value, formatters);
        var text = $"{name}: {type} = {value}";
        var html = $"<div><b>value</b> <code>{WebUtility.HtmlEncode(name)}: {WebUtility.HtmlEncode(type)} = {WebUtility.HtmlEncode(value)}</code></div>";
        return docs is null
            ? new InspectionResult(text, html)
            : new InspectionResult(text + "\n" + docs.Text, html + (docs.Html ?? WebUtility.HtmlEncode(docs.Text)));
    }

    /// <summary>Roslyn sees a session variable as a field of a submission class; front ends should show it as a
    /// variable ("local"), as in any notebook.</summary>
    public static CompletionList TagVariables(CompletionList list, string code, ScriptState? state)
    {
        var before = list.Start - 1;
        while (before >= 0 && char.IsWhiteSpace(code[before]))
        {
            before--;
        }

        if (before >= 0 && code[before] == '.')
        {
            return list;
        }

        var names = WhoDirective.Latest(state).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        return names.Count == 0
            ? list
            : list with { Items = [.. list.Items.Select(i => i.Kind == "field" && names.Contains(i.Text) ? i with { Kind = "local" } : i)] };
    }

    private static string? IdentifierAt(string code, int cursor)
    {
        static bool Part(char c) => char.IsLetterOrDigit(c) || c == '_';
        var start = Math.Clamp(cursor, 0, code.Length);
        var end = start;
        while (start > 0 && Part(code[start - 1]))
        {
            start--;
        }

        while (end < code.Length && Part(code[end]))
        {
            end++;
        }

        if (start == end || char.IsDigit(code[start]))
        {
            return null;
        }

        var before = start - 1;
        while (before >= 0 && char.IsWhiteSpace(code[before]))
        {
            before--;
        }

        return before >= 0 && code[before] == '.' ? null : code[start..end];
    }
}
