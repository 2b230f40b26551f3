using System.Net;
using System.Text;

namespace SftpInteractive;

/// <summary>A titled table of strings with per-column alignment, rendered as aligned text or a sortable HTML table.
/// Longer than <see cref="DisplayOptions.MaxRows"/>, it shows its first and last rows with a "… N more rows (M in all)"
/// line between them, in text, HTML and the REPL alike.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class DisplayTable : IRichDisplay
{
    private readonly List<string[]> _rows = [];
    private int _gapAt;
    private int _omitted;

    /// <summary>Creates a table with the given column headers.</summary>
    public DisplayTable(string? title, params string[] columns)
    {
        Title = title;
        Columns = columns;
        RightAligned = new bool[columns.Length];
    }

    /// <summary>Caption shown above the table.</summary>
    public string? Title { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Which columns are right-aligned (numbers).</summary>
    public bool[] RightAligned { get; }

    /// <summary>Rows kept, each with one cell per column (all of them, unless <see cref="AddRows{T}"/> left out the
    /// middle of a long sequence).</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Rows the table stands for, the left-out middle included.</summary>
    public int TotalRows => _rows.Count + _omitted;

    /// <summary>Text shown under the table (counts, "and 900 more", errors).</summary>
    public string? Footer { get; set; }

    /// <summary>Adds a row; missing cells are empty.</summary>
    public DisplayTable AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new string[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? cells[i] ?? string.Empty : string.Empty;
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Adds a row for each item, formatting only the rows <see cref="DisplayOptions.MaxRows"/> lets the table show
    /// (the first and the last ones): a listing of 100,000 entries costs a hundred rows. <see cref="TotalRows"/> counts
    /// every item.</summary>
    /// <param name="items">The items, enumerated once.</param>
    /// <param name="cells">One item's cells.</param>
    public DisplayTable AddRows<T>(IEnumerable<T> items, Func<T, string?[]> cells)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cells);
        var limit = DisplayOptions.MaxRows;
        // The window of a sequence one row longer than the limit (with no limit: every row is head).
        var (head, tail) = DisplayOptions.Window(limit == int.MaxValue ? limit : limit + 1, limit);
        var first = new List<T>();
        var last = new Queue<T>();
        var count = 0;
        foreach (var item in items)
        {
            if (count++ < limit)
            {
                first.Add(item);
            }

            if (count > head)
            {
                last.Enqueue(item);
                if (last.Count > tail)
                {
                    last.Dequeue();
                }
            }
        }

        if (count <= limit)
        {
            first.ForEach(i => AddRow(cells(i)));
            return this;
        }

        first.Take(head).ToList().ForEach(i => AddRow(cells(i)));
        var gapAt = _rows.Count;
        foreach (var item in last)
        {
            AddRow(cells(item));
        }

        (_gapAt, _omitted) = (gapAt, _omitted + (count - head - last.Count));
        return this;
    }

    /// <summary>Marks columns as right-aligned.</summary>
    public DisplayTable AlignRight(params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var c in columns)
        {
            RightAligned[c] = true;
        }

        return this;
    }

    /// <inheritdoc />
    public string ToText()
    {
        var (rows, more) = ShownRows();
        var shown = rows.OfType<string[]>().ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, shown.Count == 0 ? 0 : shown.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        if (Title is not null)
        {
            sb.Append(Title).Append('\n');
        }

        AppendLine(sb, [.. Columns], widths);
        AppendLine(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            if (row is null)
            {
                sb.Append(more).Append('\n');
            }
            else
            {
                AppendLine(sb, row, widths);
            }
        }

        if (Footer is not null)
        {
            sb.Append(Footer).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"sftpi\">");
        if (Title is not null)
        {
            sb.Append("<div class=\"sftpi-title\"><b>").Append(WebUtility.HtmlEncode(Title)).Append("</b></div>");
        }

        // Clicking a header sorts by that column; the script is inline so it works in any front end that runs it,
        // and the table stays readable where scripts are disabled.
        sb.Append("<table class=\"sftpi-table\"><thead><tr>");
        for (var i = 0; i < Columns.Count; i++)
        {
            sb.Append("<th style=\"cursor:pointer;text-align:").Append(RightAligned[i] ? "right" : "left")
              .Append("\" onclick=\"sftpiSort(this,").Append(i).Append(")\">").Append(WebUtility.HtmlEncode(Columns[i])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        var (rows, more) = ShownRows();
        foreach (var row in rows)
        {
            if (row is null)
            {
                // A row of the table itself, so a viewer that strips styles and scripts still shows where rows were left out.
                sb.Append("<tr class=\"sftpi-more\"><td colspan=\"").Append(Columns.Count).Append("\" style=\"text-align:center\"><i>")
                  .Append(WebUtility.HtmlEncode(more)).Append("</i></td></tr>");
                continue;
            }

            sb.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append("<td style=\"text-align:").Append(RightAligned[i] ? "right" : "left").Append("\">")
                  .Append(WebUtility.HtmlEncode(row[i])).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        if (Footer is not null)
        {
            sb.Append("<div class=\"sftpi-footer\">").Append(WebUtility.HtmlEncode(Footer)).Append("</div>");
        }

        sb.Append(SortScript).Append("</div>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    /// <summary>The rows shown under <paramref name="maxRows"/> (default <see cref="DisplayOptions.MaxRows"/>), a null
    /// where the "… N more rows (M in all)" line goes, and that line (empty when every row shows). Every host draws these.</summary>
    /// <param name="maxRows">The limit.</param>
    public (IReadOnlyList<string[]?> Rows, string More) ShownRows(int? maxRows = null)
    {
        var total = TotalRows;
        var (head, tail) = DisplayOptions.Window(total, maxRows ?? DisplayOptions.MaxRows);
        int h, t;
        if (_omitted == 0)
        {
            (h, t) = (head, tail);
        }
        else
        {
            // Rows left out when the table was built stay out; a smaller limit takes its head and tail from the kept ones.
            (h, t) = tail == 0 ? (_gapAt, _rows.Count - _gapAt) : (Math.Min(head, _gapAt), Math.Min(tail, _rows.Count - _gapAt));
        }

        if (h + t >= total)
        {
            return (_rows, string.Empty);
        }

        var rows = new List<string[]?>(h + t + 1);
        rows.AddRange(_rows.Take(h));
        rows.Add(null);
        rows.AddRange(_rows.Skip(_rows.Count - t));
        return (rows, DisplayOptions.MoreLine(total - h - t, total));
    }

    private void AppendLine(StringBuilder sb, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("  ");
            }

            var cell = RightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            sb.Append(i == cells.Length - 1 && !RightAligned[i] ? cell.TrimEnd() : cell);
        }

        sb.Append('\n');
    }

    private const string SortScript =
        "<script>if(!window.sftpiSort){window.sftpiSort=function(th,c){var t=th.closest('table'),b=t.tBodies[0]," +
        "r=Array.from(b.rows),d=th.dataset.dir==='asc'?-1:1;th.dataset.dir=d===1?'asc':'desc';r.sort(function(x,y){" +
        "var a=x.cells[c].innerText,z=y.cells[c].innerText,n=parseFloat(a.replace(/[^0-9.\\-]/g,'')),m=parseFloat(z.replace(/[^0-9.\\-]/g,''));" +
        "return (!isNaN(n)&&!isNaN(m)&&/^[\\d.,\\s]+[A-Za-z ]*$/.test(a)?n-m:a.localeCompare(z))*d;});r.forEach(function(x){b.appendChild(x);});};}</script>";
}
