namespace SftpInteractive;

/// <summary>
/// OpenSSH's pattern lists (<c>match_pattern_list</c>): a value matches when some pattern matches it and no negated
/// (<c>!pattern</c>) one does. Used by <c>Host</c>, <c>Match host/user/...</c> and known_hosts host fields.
/// </summary>
internal static class SshPatternList
{
    /// <summary>True when <paramref name="value"/> matches the list (a negated match always wins).</summary>
    /// <param name="patterns">The patterns, each optionally prefixed with <c>!</c>.</param>
    /// <param name="value">The host or user name.</param>
    /// <param name="options">The dialect (<see cref="WildcardOptions.None"/> for ssh_config,
    /// <see cref="WildcardOptions.IgnoreCase"/> for known_hosts).</param>
    /// <param name="literal">Matches one pattern body without wildcards; known_hosts supplies its hashed-name check here.</param>
    public static bool Matches(IEnumerable<string> patterns, string value, WildcardOptions options = WildcardOptions.None, Func<string, string, bool>? literal = null)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (literal?.Invoke(body, value) == true || Wildcard.IsMatch(body, value, options))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    /// <summary>Splits a comma-separated list (<c>Match host a,b,!c</c>, known_hosts <c>name,addr</c>).</summary>
    public static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
