using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>Draws the shared <see cref="DisplayTable"/> with Spectre.Console, so listings look like tables in the
/// terminal while notebooks get the same table as HTML.</summary>
internal static class SpectreTables
{
    public static Table ToSpectre(DisplayTable source)
    {
        // Cells are redacted here as well as at the output boundary: a cell wraps inside its column, and a secret split
        // across rows between borders would pass the boundary.
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        if (source.Title is not null)
        {
            table.Title(new TableTitle(Markup.Escape(Redactor.Redact(source.Title)), new Style(decoration: Decoration.Bold)));
        }

        for (var i = 0; i < source.Columns.Count; i++)
        {
            var column = new TableColumn(new Markup("[bold]" + Markup.Escape(source.Columns[i]) + "[/]"));
            table.AddColumn(source.RightAligned[i] ? column.RightAligned() : column);
        }

        var (rows, more) = source.ShownRows();
        foreach (var row in rows)
        {
            // Spectre has no cell spanning a row, and the sentence would wrap in a narrow column: the gap is a row of
            // "…" (as pandas prints it) and the "… N more rows (M in all)" sentence opens the caption.
            table.AddRow(row is null
                ? [.. source.Columns.Select(_ => new Markup("[grey]…[/]"))]
                : [.. row.Select(cell => new Text(Redactor.Redact(cell)))]);
        }

        var caption = string.Join("\n", new[] { more, source.Footer }.Where(s => !string.IsNullOrEmpty(s)));
        if (caption.Length > 0)
        {
            table.Caption(new TableTitle(Markup.Escape(Redactor.Redact(caption)), new Style(Color.Grey)));
        }

        return table;
    }
}
