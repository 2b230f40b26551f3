using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>The compiled form of <see cref="FindOptions"/>: one cheap test per entry the walk reports.</summary>
internal sealed class FindFilter
{
    private readonly FindOptions _options;
    private readonly Glob? _glob;
    private readonly Regex? _regex;

    /// <exception cref="ArgumentException">The glob or regular expression is invalid.</exception>
    public FindFilter(FindOptions options)
    {
        _options = options;
        _glob = options.Glob is null ? null : Glob.Parse(options.Glob);
        try
        {
            _regex = options.Regex is null ? null : new Regex(options.Regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid regular expression '{options.Regex}': {e.Message}", nameof(options), e);
        }
    }

    public bool IsMatch(RemoteEntry entry, string relativePath, int depth) =>
        depth >= _options.MinDepth
        && (_options.Type is null || entry.Type == _options.Type)
        && (_options.MinSize is null || entry.Size >= _options.MinSize)
        && (_options.MaxSize is null || entry.Size <= _options.MaxSize)
        && (_options.ModifiedAfter is null || entry.ModifiedUtc >= _options.ModifiedAfter.Value.ToUniversalTime())
        && (_options.ModifiedBefore is null || entry.ModifiedUtc < _options.ModifiedBefore.Value.ToUniversalTime())
        && (_glob is null || _glob.IsMatch(entry.Name, relativePath))
        && (_regex is null || _regex.IsMatch(relativePath));
}
