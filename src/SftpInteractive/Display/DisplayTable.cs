using System.Net;
using System.Text;

namespace SftpInteractive;

/// <summary>A titled table of strings with per-column alignment, rendered as aligned text or a sortable HTML table.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class DisplayTable : IRichDisplay
{
    private readonly List<string[]> _rows = [];

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

    /// <summary>Rows, each with one cell per column.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

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
        var widths = Columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        if (Title is not null)
        {
            sb.Append(Title).Append('\n');
        }

        AppendLine(sb, [.. Columns], widths);
        AppendLine(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            AppendLine(sb, row, widths);
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
        foreach (var row in _rows)
        {
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
