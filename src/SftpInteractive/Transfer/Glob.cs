using System.Text;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// Shell-style globs: <c>*</c> (any characters but <c>/</c>), <c>?</c>, <c>[a-z]</c>, <c>[!x]</c>, <c>{csv,txt}</c>, and
/// <c>**</c> for any number of folders. A pattern without a slash matches the name at any depth (as <c>find -name</c>);
/// with a slash it matches the path below the search root (<c>WMR_Spots/*/history/*.csv</c>, <c>**/wmr1*.csv</c>).
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex, bool matchesPath)
    {
        Pattern = pattern;
        _regex = regex;
        MatchesPath = matchesPath;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>True when the pattern is matched against the relative path rather than the name.</summary>
    public bool MatchesPath { get; }

    /// <summary>Compiles a glob.</summary>
    /// <exception cref="ArgumentException">The pattern is empty or has an unclosed <c>[</c> or <c>{</c>.</exception>
    public static Glob Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var trimmed = pattern.TrimStart('/');
        var regex = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            switch (c)
            {
                case '*' when i + 1 < trimmed.Length && trimmed[i + 1] == '*':
                    var slashAfter = i + 2 < trimmed.Length && trimmed[i + 2] == '/';
                    // "**/" matches zero or more whole folders; a bare "**" matches anything, slashes included.
                    regex.Append(slashAfter ? "(?:[^/]*/)*" : ".*");
                    i += slashAfter ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = trimmed.IndexOf(']', i + 2 <= trimmed.Length ? i + 2 : i + 1);
                    if (close < 0)
                    {
                        throw new ArgumentException($"Unclosed '[' in the glob '{pattern}'.", nameof(pattern));
                    }

                    var body = trimmed[(i + 1)..close];
                    var negate = body.StartsWith('!') || body.StartsWith('^');
                    regex.Append('[').Append(negate ? "^" : string.Empty)
                         .Append(body[(negate ? 1 : 0)..].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braces > 0)
        {
            throw new ArgumentException($"Unclosed '{{' in the glob '{pattern}'.", nameof(pattern));
        }

        regex.Append('$');
        return new Glob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled), trimmed.Contains('/', StringComparison.Ordinal));
    }

    /// <summary>True when the entry with this <paramref name="name"/> and <paramref name="relativePath"/> matches.</summary>
    public bool IsMatch(string name, string relativePath) => _regex.IsMatch(MatchesPath ? relativePath : name);

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
