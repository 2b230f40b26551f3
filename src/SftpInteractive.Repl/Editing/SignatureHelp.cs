using System.Text;

namespace SftpInteractive.Repl;

/// <summary>Signature help for the call whose argument list holds the cursor: the engine's overloads (one signature
/// per line, each followed by its summary) and which parameter the cursor is in.</summary>
internal sealed class SignatureHelp
{
    private SignatureHelp(int openParen, List<Overload> overloads) => (OpenParen, Overloads) = (openParen, overloads);

    public int OpenParen { get; }

    public IReadOnlyList<Overload> Overloads { get; }

    /// <summary>One overload: its signature, its summary and its parameters' docs by name.</summary>
    internal sealed record Overload(string Signature, string? Summary, IReadOnlyDictionary<string, string> Parameters);

    /// <summary>The engine's inspection text read as overloads; null when it describes no call.</summary>
    public static SignatureHelp? From(int openParen, string inspection)
    {
        var overloads = new List<Overload>();
        foreach (var line in inspection.Split('\n'))
        {
            if (line.StartsWith("    ", StringComparison.Ordinal) && overloads.Count > 0)
            {
                var last = overloads[^1];
                if (ParameterLine(line) is { } parameter)
                {
                    ((Dictionary<string, string>)last.Parameters)[parameter.Name] = parameter.Doc;
                }
                else if (last.Summary is null)
                {
                    overloads[^1] = last with { Summary = line.Trim() };
                }
            }
            else if (line.Contains('(', StringComparison.Ordinal))
            {
                overloads.Add(new Overload(line.Trim(), null, new Dictionary<string, string>(StringComparer.Ordinal)));
            }
        }

        return overloads.Count == 0 ? null : new SignatureHelp(openParen, overloads);
    }

    /// <summary>A parameter's doc line of the inspection text (<c>    name — doc</c>), or null for another line.</summary>
    public static (string Name, string Doc)? ParameterLine(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^    @?(\w+) — (.+)$");
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    /// <summary>The innermost unclosed <c>(</c> before <paramref name="cursor"/> and the index of the argument the
    /// cursor is in (top-level commas after it), or null outside any argument list. Strings are skipped.</summary>
    public static (int OpenParen, int Argument)? CallAt(string text, int cursor)
    {
        var opens = new Stack<(int Position, int Commas)>();
        var inString = false;
        for (var i = 0; i < Math.Min(cursor, text.Length); i++)
        {
            var c = text[i];
            if (c == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && c is '(' or '[' or '{')
            {
                opens.Push((c == '(' ? i : -1, 0));
            }
            else if (!inString && c is ')' or ']' or '}' && opens.Count > 0)
            {
                opens.Pop();
            }
            else if (!inString && c == ',' && opens.Count > 0)
            {
                var top = opens.Pop();
                opens.Push((top.Position, top.Commas + 1));
            }
        }

        return opens.Count > 0 && opens.Peek().Position >= 0 ? (opens.Peek().Position, opens.Peek().Commas) : null;
    }

    /// <summary>Where parameter <paramref name="index"/> lies in <paramref name="signature"/> (start, length), or null.</summary>
    public static (int Start, int Length)? Parameter(string signature, int index)
    {
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        var close = signature.LastIndexOf(')');
        if (open < 0 || close <= open + 1)
        {
            return null;
        }

        var depth = 0;
        var start = open + 1;
        var current = 0;
        for (var i = open + 1; i <= close; i++)
        {
            var c = signature[i];
            if (c is '<' or '(' or '[')
            {
                depth++;
            }
            else if (c is '>' or ']' || (c == ')' && i < close))
            {
                depth--;
            }
            else if ((c == ',' && depth == 0) || i == close)
            {
                if (current == index)
                {
                    while (start < i && signature[start] == ' ')
                    {
                        start++;
                    }

                    return (start, i - start);
                }

                current++;
                start = i + 1;
            }
        }

        return null;
    }

    /// <summary>Lines to show: each overload with the current parameter painted, then the first fitting one's summary
    /// and the current parameter's own doc.</summary>
    public IReadOnlyList<string> Render(int argument, Palette palette, int width)
    {
        var lines = new List<string>();
        Overload? fitting = null;
        string? parameterName = null;
        foreach (var overload in Overloads.Take(4))
        {
            var signature = overload.Signature;
            var plain = EditorView.Clip(signature, width);
            var range = Parameter(signature, argument);
            if (range is { } r && r.Start + r.Length <= plain.Length)
            {
                if (fitting is null)
                {
                    fitting = overload;
                    parameterName = signature.Substring(r.Start, r.Length).Split('=')[0].Trim().Split(' ')[^1].TrimStart('@');
                }

                lines.Add(new StringBuilder().Append(plain, 0, r.Start).Append(palette.Paint(plain.Substring(r.Start, r.Length), "parameter"))
                    .Append(plain, r.Start + r.Length, plain.Length - r.Start - r.Length).ToString());
            }
            else
            {
                lines.Add(plain);
            }
        }

        var summary = fitting?.Summary ?? Overloads[0].Summary;
        if (summary is not null)
        {
            lines.Add(palette.Paint(EditorView.Clip(summary, width), "doc"));
        }

        if (fitting is not null && parameterName is not null && fitting.Parameters.TryGetValue(parameterName, out var doc))
        {
            var label = parameterName + ": ";
            lines.Add(palette.Paint(label, "parameter") + palette.Paint(EditorView.Clip(doc, width - label.Length), "doc"));
        }

        return lines;
    }
}
