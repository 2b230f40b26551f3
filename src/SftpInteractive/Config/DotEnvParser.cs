using System.Globalization;
using System.Text;

namespace SftpInteractive;

/// <summary>
/// Reads the <c>.env</c> format exactly as DotNetEnv 3.0 reads it (the library that read users' files until now, so
/// every file keeps its meaning): <c>KEY=value</c> lines with an optional <c>export</c>, <c>set -x</c>, <c>set</c> or
/// <c>SET</c>; comments and blank lines; single quotes raw; double quotes with escapes (<c>\n</c>, <c>\x41</c>,
/// <c>\101</c>, <c>\u00e9</c>, <c>\U0001F600</c>) and line breaks; <c>$NAME</c> and <c>${NAME}</c> taken from the process
/// environment (never from the file itself) in double quotes and bare values. A bare value ends at whitespace before
/// <c>#</c> and may hold no quote. The grammar is a parsing expression grammar (first alternative that matches wins);
/// DotNetEnv built it from generic parser combinators that cost a cold process 26–58 ms of compiling on every connect.
/// </summary>
internal sealed partial class DotEnvParser
{
    private const string EscapeCharacters = "abfnrtv\\'\"?$`";
    private static readonly string[] ExportWords = ["export", "set -x", "set", "SET"];

    private readonly string _text;
    private readonly Func<string, string?> _variable;

    private DotEnvParser(string text, Func<string, string?> variable) => (_text, _variable) = (text, variable);

    /// <summary>The assignments of <paramref name="text"/> in file order; <paramref name="variable"/> reads the
    /// environment for <c>$NAME</c> (null: empty).</summary>
    /// <exception cref="DotEnvFormatException">The text is not in the format (where, never what: the text may be a secret).</exception>
    public static List<KeyValuePair<string, string>> Parse(string text, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DotEnvParser(text, variable).File();
    }

    // File := (Assignment | Empty)+ end. Each item ends with its line; a line that is neither stops the file there.
    private List<KeyValuePair<string, string>> File()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var position = 0;
        for (var first = true; ; first = false)
        {
            var start = position;
            if (Assignment(ref position, out var pair, out var assignmentFailed))
            {
                pairs.Add(pair);
            }
            else if (!Empty(ref position, out var emptyFailed))
            {
                // As DotNetEnv says it: the first entry's error is where the reading that got furthest stopped; a later
                // entry's is where that entry starts (its reading stops the file there).
                throw Error(first ? Math.Max(assignmentFailed, emptyFailed) : start);
            }

            if (position == start)
            {
                return pairs; // the end of the text, read as an empty last line
            }
        }
    }

    // Assignment := [ \t]* export? Identifier [ \t]* '=' [ \t]* Value [ \t]* Comment? LineTerminator
    private bool Assignment(ref int position, out KeyValuePair<string, string> pair, out int failed)
    {
        pair = default;
        var p = Export(SkipInline(position));
        if (!Identifier(p, out var name, out p))
        {
            failed = p;
            return false;
        }

        p = SkipInline(p);
        if (!Is(p, '='))
        {
            failed = p;
            return false;
        }

        p = SkipInline(p + 1);
        if (!Value(ref p, out var value, out failed))
        {
            return false;
        }

        p = Comment(SkipInline(p));
        if (!LineTerminator(ref p, out failed))
        {
            return false;
        }

        (pair, position) = (new KeyValuePair<string, string>(name, value), p);
        return true;
    }

    // Empty := [ \t]* Comment? LineTerminator
    private bool Empty(ref int position, out int failed)
    {
        var p = Comment(SkipInline(position));
        if (!LineTerminator(ref p, out failed))
        {
            return false;
        }

        position = p;
        return true;
    }

    // ("export" | "set -x" | "set" | "SET") [ \t]+, optional: the first word that matches decides, and without the
    // blank after it nothing is taken ("setting=1" is the variable "setting").
    private int Export(int p)
    {
        foreach (var word in ExportWords)
        {
            if (_text.AsSpan(p).StartsWith(word, StringComparison.Ordinal))
            {
                var after = p + word.Length;
                return IsInline(after) ? SkipInline(after) : p;
            }
        }

        return p;
    }

    // Identifier := (letter | '_') (letter | digit | '_' | '.' | '-')*
    private bool Identifier(int p, out string name, out int end)
    {
        name = string.Empty;
        end = p;
        if (p >= _text.Length || !(char.IsLetter(_text[p]) || _text[p] == '_'))
        {
            return false;
        }

        end = p + 1;
        while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] is '_' or '.' or '-'))
        {
            end++;
        }

        name = _text[p..end];
        return true;
    }

    // Value := SingleQuoted | DoubleQuoted | Bare; when none matches, the error is where one got furthest.
    private bool Value(ref int p, out string value, out int failed)
    {
        if (SingleQuoted(ref p, out value, out var single) || DoubleQuoted(ref p, out value, out var quoted) || Bare(ref p, out value, out var bare))
        {
            failed = -1;
            return true;
        }

        failed = Math.Max(single, Math.Max(quoted, bare));
        return false;
    }

    // '\'' (anything but the quote and control characters that are not whitespace)* '\''
    private bool SingleQuoted(ref int p, out string value, out int failed)
    {
        value = string.Empty;
        if (!Is(p, '\''))
        {
            failed = p;
            return false;
        }

        var end = p + 1;
        while (end < _text.Length && _text[end] != '\'' && IsTextOrWhitespace(_text[end]))
        {
            end++;
        }

        if (!Is(end, '\''))
        {
            failed = end;
            return false;
        }

        (value, p, failed) = (_text[(p + 1)..end], end + 1, -1);
        return true;
    }

    // '"' (interpolation | escape | text | whitespace)* '"'
    private bool DoubleQuoted(ref int p, out string value, out int failed)
    {
        value = string.Empty;
        if (!Is(p, '"'))
        {
            failed = p;
            return false;
        }

        var text = new StringBuilder();
        var q = p + 1;
        while (q < _text.Length)
        {
            var c = _text[q];
            if (c == '$')
            {
                Interpolate(ref q, text);
            }
            else if (c == '\\' && q + 1 < _text.Length)
            {
                Escape(ref q, text);
            }
            else if (c != '"' && c != '\\' && IsTextOrWhitespace(c))
            {
                text.Append(c);
                q++;
            }
            else
            {
                break;
            }
        }

        if (!Is(q, '"'))
        {
            failed = q;
            return false;
        }

        (value, p, failed) = (text.ToString(), q + 1, -1);
        return true;
    }

    // Not a blank or a quote first; then (interpolation | [ \t]* (not '#') text-without-$-or-quotes+)*: blanks inside
    // the value stay, trailing ones and a comment after a blank do not.
    private bool Bare(ref int p, out string value, out int failed)
    {
        value = string.Empty;
        if (p < _text.Length && _text[p] is ' ' or '\t' or '"' or '\'')
        {
            failed = p;
            return false;
        }

        var text = new StringBuilder();
        var q = p;
        while (true)
        {
            if (Is(q, '$'))
            {
                Interpolate(ref q, text);
                continue;
            }

            var word = SkipInline(q);
            if (Is(word, '#'))
            {
                break; // a comment
            }

            var end = word;
            while (end < _text.Length && !char.IsControl(_text[end]) && !char.IsWhiteSpace(_text[end]) && _text[end] is not ('$' or '"' or '\''))
            {
                end++;
            }

            if (end == word)
            {
                break;
            }

            text.Append(_text, q, end - q);
            q = end;
        }

        (value, p, failed) = (text.ToString(), q, -1);
        return true;
    }

    // Comment := '#' (not a line end)*, optional.
    private int Comment(int p)
    {
        if (!Is(p, '#'))
        {
            return p;
        }

        while (p < _text.Length && _text[p] is not ('\r' or '\n'))
        {
            p++;
        }

        return p;
    }

    // LineTerminator := end of text | '\r'? '\n'. A lone '\r' fails after it.
    private bool LineTerminator(ref int p, out int failed)
    {
        failed = -1;
        if (p == _text.Length)
        {
            return true;
        }

        if (Is(p, '\n') || Is(p, '\r') && Is(p + 1, '\n'))
        {
            p += _text[p] == '\r' ? 2 : 1;
            return true;
        }

        failed = Is(p, '\r') ? p + 1 : p;
        return false;
    }

    private static bool IsTextOrWhitespace(char c) => !char.IsControl(c) || char.IsWhiteSpace(c);

    private bool Is(int p, char c) => p < _text.Length && _text[p] == c;

    private bool IsInline(int p) => p < _text.Length && _text[p] is ' ' or '\t';

    private int SkipInline(int p)
    {
        while (IsInline(p))
        {
            p++;
        }

        return p;
    }

    private DotEnvFormatException Error(int position) => new(Where(position), "not in the .env format");

    // "Line N, Column C", counted as DotNetEnv counts: lines at '\n', columns in characters from 1.
    private string Where(int position)
    {
        position = Math.Clamp(position, 0, _text.Length);
        var lineStart = position == 0 ? 0 : _text.LastIndexOf('\n', position - 1) + 1;
        var line = 1 + _text.AsSpan(0, lineStart).Count('\n');
        return string.Create(CultureInfo.InvariantCulture, $"Line {line}, Column {position - lineStart + 1}");
    }
}
