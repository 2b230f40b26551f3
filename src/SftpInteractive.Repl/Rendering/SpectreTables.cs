using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>Draws the shared <see cref="DisplayTable"/> with Spectre.Console, so listings look like tables in the
/// terminal while notebooks get the same table as HTML.</summary>
internal static class SpectreTables
{
    public static Table ToSpectre(DisplayTable source)
    {
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

        foreach (var row in source.Rows)
        {
            table.AddRow([.. row.Select(cell => new Text(Redactor.Redact(cell)))]);
        }

        if (source.Footer is not null)
        {
            table.Caption(new TableTitle(Markup.Escape(Redactor.Redact(source.Footer)), new Style(Color.Grey)));
        }

        return table;
    }
}
