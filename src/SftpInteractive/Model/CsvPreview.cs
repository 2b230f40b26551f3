using System.Collections;

namespace SftpInteractive;

/// <summary>The header and first rows of a remote CSV file, read without downloading the rest. Shows as a table.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class CsvPreview : IReadOnlyList<IReadOnlyList<string>>, IRichDisplay, ITabular
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _rows;

    /// <summary>Creates a preview.</summary>
    public CsvPreview(string path, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, bool more)
    {
        Path = path;
        Header = header;
        _rows = rows;
        HasMore = more;
    }

    /// <summary>The remote file.</summary>
    public string Path { get; }

    /// <summary>Column names (the first record).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>True when the file has more rows than shown.</summary>
    public bool HasMore { get; }

    /// <inheritdoc />
    public int Count => _rows.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> this[int index] => _rows[index];

    /// <summary>The values of one column by name (empty strings where a row is short).</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public IReadOnlyList<string> Column(string name)
    {
        var index = Header.ToList().IndexOf(name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"No column '{name}' in {Path}; columns: {string.Join(", ", Header)}.");
        }

        return _rows.Select(r => index < r.Count ? r[index] : string.Empty).ToList();
    }

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<string>> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public DisplayTable ToTable()
    {
        var width = Math.Max(Header.Count, _rows.Count == 0 ? 0 : _rows.Max(r => r.Count));
        var columns = Enumerable.Range(0, width).Select(i => i < Header.Count ? Header[i] : $"col{i + 1}").ToArray();
        var table = new DisplayTable(Path, columns);
        foreach (var row in _rows)
        {
            table.AddRow([.. row]);
        }

        table.Footer = Format.Count(_rows.Count, "row") + (HasMore ? " shown (the file has more)" : string.Empty);
        return table;
    }

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Format.Count(Header.Count, "column")}, {Format.Count(_rows.Count, "row")}{(HasMore ? "+" : string.Empty)}";
}
