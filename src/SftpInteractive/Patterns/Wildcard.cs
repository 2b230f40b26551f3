using System.Text;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// The one wildcard matcher: ssh_config <c>Host</c>/<c>Match</c> patterns, known_hosts host patterns, <c>Find</c> globs,
/// <c>Include</c> file globs and the kernel's history search all compile through <see cref="ToRegex"/>; the
/// <see cref="WildcardOptions"/> pick the dialect. Public so that every host (the kernel's <c>%history -g</c> search
/// among them) reads the same dialects instead of writing its own glob.
/// </summary>
public sealed class Wildcard
{
    private readonly Regex _regex;

    private Wildcard(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="options">The dialect.</param>
    /// <param name="compiled">Compile to IL: worth it for a pattern matched against thousands of names (Find).</param>
    /// <exception cref="ArgumentException">An unclosed <c>[</c> or <c>{</c> in a dialect that has them.</exception>
    public static Wildcard Parse(string pattern, WildcardOptions options, bool compiled = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var regexOptions = RegexOptions.CultureInvariant | RegexOptions.Singleline
            | (options.HasFlag(WildcardOptions.IgnoreCase) ? RegexOptions.IgnoreCase : 0) | (compiled ? RegexOptions.Compiled : 0);
        return new Wildcard(pattern, new Regex("^" + ToRegex(pattern, options) + "$", regexOptions, TimeSpan.FromSeconds(1)));
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text) => _regex.IsMatch(text);

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> (no compiled-regex cache: patterns
    /// from config files are matched a handful of times). A pattern without wildcards is compared as the expression
    /// would compare it, without building one: every known_hosts line is such a pattern, and the first expression a
    /// process builds cost 15 ms on the way to ssh's start and again in its host-key answer.</summary>
    public static bool IsMatch(string pattern, string text, WildcardOptions options)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return IsPlain(pattern, text, options)
            ? string.Equals(pattern, text, options.HasFlag(WildcardOptions.IgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            : Parse(pattern, options).IsMatch(text);
    }

    // Where the expression is the pattern's characters escaped, and equality is what it tests: no wildcard, ASCII only
    // (the expression's ignore-case folds some other letters, such as the Kelvin sign, that ordinal comparison does not)
    // and no line feed in the text ('$' also matches before a final one).
    private static bool IsPlain(string pattern, string text, WildcardOptions options) =>
        !HasWildcards(pattern, options) && Ascii.IsValid(pattern) && Ascii.IsValid(text) && !text.Contains('\n', StringComparison.Ordinal);

    /// <summary>True when <paramref name="text"/> contains a character this dialect treats as a wildcard.</summary>
    public static bool HasWildcards(string text, WildcardOptions options) =>
        (text ?? throw new ArgumentNullException(nameof(text))).AsSpan().IndexOfAny(options.HasFlag(WildcardOptions.CharacterClasses) ? "*?[" : "*?") >= 0
        || (options.HasFlag(WildcardOptions.Braces) && text.Contains('{', StringComparison.Ordinal));

    /// <summary>The regular expression (without anchors) equivalent to <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">An unclosed <c>[</c> or <c>{</c> in a dialect that has them.</exception>
    public static string ToRegex(string pattern, WildcardOptions options)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var path = options.HasFlag(WildcardOptions.Path);
        var classes = options.HasFlag(WildcardOptions.CharacterClasses);
        var braces = options.HasFlag(WildcardOptions.Braces);
        var regex = new StringBuilder();
        var open = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when path && i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    // "**/" matches zero or more whole folders; a bare "**" matches anything, slashes included.
                    regex.Append(slashAfter ? "(?:[^/]*/)*" : ".*");
                    i += slashAfter ? 2 : 1;
                    break;
                case '*':
                    regex.Append(path ? "[^/]*" : ".*");
                    break;
                case '?':
                    regex.Append(path ? "[^/]" : ".");
                    break;
                case '[' when classes:
                    var close = pattern.IndexOf(']', Math.Min(i + 2, pattern.Length));
                    if (close < 0)
                    {
                        if (options.HasFlag(WildcardOptions.LenientBrackets))
                        {
                            regex.Append(@"\[");
                            break;
                        }

                        throw new ArgumentException($"Unclosed '[' in the glob '{pattern}'.", nameof(pattern));
                    }

                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!') || body.StartsWith('^');
                    regex.Append('[').Append(negate ? "^" : string.Empty)
                         .Append(body[(negate ? 1 : 0)..].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '{' when braces:
                    open++;
                    regex.Append("(?:");
                    break;
                case '}' when open > 0:
                    open--;
                    regex.Append(')');
                    break;
                case ',' when open > 0:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (open > 0)
        {
            throw new ArgumentException($"Unclosed '{{' in the glob '{pattern}'.", nameof(pattern));
        }

        return regex.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
