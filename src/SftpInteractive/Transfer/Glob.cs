namespace SftpInteractive;

/// <summary>
/// Shell-style globs: <c>*</c> (any characters but <c>/</c>), <c>?</c>, <c>[a-z]</c>, <c>[!x]</c>, <c>{csv,txt}</c>, and
/// <c>**</c> for any number of folders. A pattern without a slash matches the name at any depth (as <c>find -name</c>);
/// with a slash it matches the path below the search root (<c>WMR_Spots/*/history/*.csv</c>, <c>**/wmr1*.csv</c>).
/// </summary>
internal sealed class Glob
{
    private readonly Wildcard _wildcard;

    private Glob(string pattern, Wildcard wildcard, bool matchesPath)
    {
        Pattern = pattern;
        _wildcard = wildcard;
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
        return new Glob(pattern, Wildcard.Parse(trimmed, WildcardOptions.Shell, compiled: true), trimmed.Contains('/', StringComparison.Ordinal));
    }

    /// <summary>True when the entry with this <paramref name="name"/> and <paramref name="relativePath"/> matches.</summary>
    public bool IsMatch(string name, string relativePath) => _wildcard.IsMatch(MatchesPath ? relativePath : name);

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
