using System.Text;

namespace SftpInteractive;

/// <summary>
/// Splits ssh_config lines as OpenSSH's readconf.c does: the keyword ends at whitespace or one <c>=</c>; the arguments
/// are split at whitespace, with double or single quotes and <c>\"</c>, <c>\'</c>, <c>\\</c>, <c>\ </c> escapes; an
/// argument starting with <c>#</c> ends the line.
/// </summary>
internal static class SshConfigLexer
{
    /// <summary>Parses one line; blank lines and comments give null.</summary>
    /// <exception cref="SftpConfigException">Unbalanced quotes, or a keyword without an argument.</exception>
    public static SshConfigLine? Parse(string text, string file, int number)
    {
        var s = text.TrimEnd(' ', '\t', '\r', '\n', '\f').TrimStart(' ', '\t');
        var end = s.IndexOfAny([' ', '\t', '=']);
        var keyword = end < 0 ? s : s[..end];
        if (keyword.Length == 0 || keyword.StartsWith('#'))
        {
            return null;
        }

        var rest = end < 0 ? string.Empty : SkipDelimiter(s[end..]);
        var args = SplitArguments(rest) ?? throw new SftpConfigException($"{LocalPaths.Display(file)}:{number}: invalid quotes.");
        if (args.Count == 0)
        {
            throw new SftpConfigException($"{LocalPaths.Display(file)}:{number}: no argument after keyword \"{keyword}\".");
        }

        return new SshConfigLine(keyword.ToLowerInvariant(), args, file, number);
    }

    // Whitespace, at most one '=', whitespace (OpenSSH's strdelim).
    private static string SkipDelimiter(string s)
    {
        s = s.TrimStart(' ', '\t');
        return s.StartsWith('=') ? s[1..].TrimStart(' ', '\t') : s;
    }

    /// <summary>OpenSSH's argv_split with comments ending the line; null on an unclosed quote.</summary>
    public static List<string>? SplitArguments(string s)
    {
        var args = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (s[i] == '#')
            {
                break;
            }

            var arg = new StringBuilder();
            char quote = '\0';
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '\\' && i + 1 < s.Length && (s[i + 1] is '\'' or '"' or '\\' || (quote == '\0' && s[i + 1] == ' ')))
                {
                    arg.Append(s[++i]);
                }
                else if (quote == '\0' && c is ' ' or '\t')
                {
                    break;
                }
                else if (quote == '\0' && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (quote != '\0' && c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    arg.Append(c);
                }
            }

            if (quote != '\0')
            {
                return null;
            }

            args.Add(arg.ToString());
        }

        return args;
    }
}
