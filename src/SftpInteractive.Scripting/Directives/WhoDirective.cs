using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary><c>#who</c>: the session's variables as a table (name, type, short value). Handled by the engine before
/// Roslyn sees the code, so the REPL, piped scripts and the kernel share it. A cell may hold other code too; the
/// table then shows after that code ran.</summary>
internal static class WhoDirective
{
    public static readonly string Name = DirectiveRegistry.Who.Name;

    /// <summary>True when <paramref name="code"/> has a <c>#who</c> line; <paramref name="rest"/> is the code
    /// without it (line numbers kept, so diagnostics still point at the right line).</summary>
    public static bool Strip(string code, out string rest)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        var found = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() == Name)
            {
                lines[i] = string.Empty;
                found = true;
            }
        }

        rest = found ? string.Join('\n', lines) : code;
        return found;
    }

    /// <summary>Offers <c>#who</c> while a line starting with <c>#</c> is being typed; null otherwise.</summary>
    public static CompletionList? Complete(string code, int cursor)
    {
        if (cursor == 0)
        {
            return null;
        }

        var lineStart = code.LastIndexOf('\n', cursor - 1) + 1;
        var typed = code[lineStart..cursor].TrimStart();
        if (typed.Length == 0 || typed[0] != '#' || !Name.StartsWith(typed, StringComparison.Ordinal) || typed == Name)
        {
            return null;
        }

        return new CompletionList([new CompletionEntry(Name, Name, "keyword", DirectiveRegistry.Who.Description)], cursor - typed.Length, cursor);
    }

    /// <summary>The latest declaration of each variable, in declaration order.</summary>
    public static IReadOnlyList<ScriptVariable> Latest(ScriptState? state)
    {
        if (state is null)
        {
            return [];
        }

        var variables = state.Variables.Where(v => !v.Name.StartsWith('<')).ToList();
        return [.. variables.Where((v, i) => !variables.Skip(i + 1).Any(later => later.Name == v.Name))];
    }

    public static DisplayTable Table(ScriptState? state, FormatterRegistry formatters)
    {
        var variables = Latest(state);
        var table = new DisplayTable("Variables", "Name", "Type", "Value");
        foreach (var variable in variables)
        {
            table.AddRow(variable.Name, TypeNames.Of(variable.Type), ValueSummary.Of(variable.Value, formatters));
        }

        table.Footer = variables.Count switch
        {
            0 => "no variables yet",
            1 => "1 variable",
            var n => $"{n} variables",
        };
        return table;
    }
}
