namespace SftpInteractive;

/// <summary>
/// Expands a file-name glob against the local disk as glob(3) does for ssh_config <c>Include</c>: <c>*</c>, <c>?</c>
/// and <c>[...]</c> within one path component, a leading dot only matched explicitly, results sorted.
/// </summary>
internal static class FileGlob
{
    private const WildcardOptions Dialect = WildcardOptions.Path | WildcardOptions.CharacterClasses | WildcardOptions.LenientBrackets;

    /// <summary>The existing paths that match the absolute <paramref name="pattern"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        if (!Wildcard.HasWildcards(pattern, Dialect))
        {
            return File.Exists(pattern) || Directory.Exists(pattern) ? [pattern] : [];
        }

        var root = Path.GetPathRoot(pattern) ?? string.Empty;
        IEnumerable<string> current = [root];
        foreach (var part in pattern[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Wildcard.HasWildcards(part, Dialect)
                ? [.. current.SelectMany(dir => Children(dir, part))]
                : [.. current.Select(dir => Path.Combine(dir, part)).Where(p => File.Exists(p) || Directory.Exists(p))];
        }

        return [.. current.Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Children(string directory, string part)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var wildcard = Wildcard.Parse(part, Dialect);
        return Directory.EnumerateFileSystemEntries(directory)
            .Where(p => Path.GetFileName(p) is var name && (!name.StartsWith('.') || part.StartsWith('.')) && wildcard.IsMatch(name));
    }
}
