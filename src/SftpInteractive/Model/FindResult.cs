using System.Collections;

namespace SftpInteractive;

/// <summary>Everything a search found, with the folders it could not read. Shows as a table.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class FindResult : IReadOnlyList<RemoteEntry>, IRichDisplay, ITabular
{
    private readonly IReadOnlyList<RemoteEntry> _entries;

    /// <summary>Creates a result.</summary>
    public FindResult(string root, string query, IReadOnlyList<RemoteEntry> entries, IReadOnlyList<PathError> errors, TimeSpan duration)
    {
        Root = root;
        Query = query;
        _entries = entries;
        Errors = errors;
        Duration = duration;
    }

    /// <summary>Where the search started.</summary>
    public string Root { get; }

    /// <summary>What was searched for.</summary>
    public string Query { get; }

    /// <summary>Folders that could not be listed (permission denied, vanished); the search went on without them.</summary>
    public IReadOnlyList<PathError> Errors { get; }

    /// <summary>Wall time of the search.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The matching paths.</summary>
    public IReadOnlyList<string> Paths => _entries.Select(e => e.Path).ToList();

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public RemoteEntry this[int index] => _entries[index];

    /// <inheritdoc />
    public IEnumerator<RemoteEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public DisplayTable ToTable()
    {
        var table = RemoteListing.EntriesTable($"find {Root} ({Query})", _entries, showPath: true);
        var errors = Errors.Count == 0 ? string.Empty
            : $"; {Format.Count(Errors.Count, "folder")} could not be read:\n" + string.Join("\n", Errors.Take(20).Select(e => "  " + e));
        table.Footer = $"{Format.Count(_entries.Count, "match", "matches")} in {Format.Duration(Duration)}" + errors;
        return table;
    }

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => $"{Format.Count(_entries.Count, "match", "matches")} for {Query} under {Root}, {Format.Count(Errors.Count, "error")}";
}
