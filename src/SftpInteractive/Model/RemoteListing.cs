using System.Collections;
using System.Globalization;

namespace SftpInteractive;

/// <summary>The entries of one remote directory, sorted by name; shows as a table.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class RemoteListing : IReadOnlyList<RemoteEntry>, IRichDisplay, ITabular
{
    private readonly IReadOnlyList<RemoteEntry> _entries;

    /// <summary>Creates a listing of <paramref name="path"/>.</summary>
    public RemoteListing(string path, IReadOnlyList<RemoteEntry> entries)
    {
        Path = path;
        _entries = entries;
    }

    /// <summary>The listed directory's absolute path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public RemoteEntry this[int index] => _entries[index];

    /// <summary>Just the names, in order.</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToList();

    /// <summary>The sub-directories.</summary>
    public IEnumerable<RemoteEntry> Directories => _entries.Where(e => e.IsDirectory);

    /// <summary>The regular files.</summary>
    public IEnumerable<RemoteEntry> Files => _entries.Where(e => e.IsFile);

    /// <inheritdoc />
    public IEnumerator<RemoteEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public DisplayTable ToTable() => EntriesTable(Path, _entries, showPath: false);

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => ToText();

    /// <summary>The table every entry collection uses.</summary>
    internal static DisplayTable EntriesTable(string? title, IReadOnlyList<RemoteEntry> entries, bool showPath)
    {
        var table = new DisplayTable(title, "Permissions", "Owner", "Group", "Size", "Modified (UTC)", showPath ? "Path" : "Name").AlignRight(3);
        table.AddRows(entries, e =>
        {
            var name = showPath ? e.Path : e.Name + (e.IsDirectory ? "/" : e.IsSymlink ? "@" : string.Empty);
            return [e.Permissions, e.Owner, e.Group, e.Size.ToString("N0", CultureInfo.InvariantCulture), Format.Time(e.ModifiedUtc), name];
        });

        var dirs = entries.Count(e => e.IsDirectory);
        var files = entries.Count(e => e.IsFile);
        var links = entries.Count(e => e.IsSymlink);
        var others = entries.Count - dirs - files - links; // sockets, devices, pipes
        table.Footer = $"{Format.Count(entries.Count, "entry", "entries")}: {Format.Count(dirs, "directory", "directories")}, " +
                       $"{Format.Count(files, "file")}{(links > 0 ? $", {Format.Count(links, "link")}" : string.Empty)}" +
                       $"{(others > 0 ? $", {Format.Count(others, "other")}" : string.Empty)}, " +
                       $"{Format.Bytes(entries.Where(e => e.IsFile).Sum(e => e.Size))} in files";
        return table;
    }
}
