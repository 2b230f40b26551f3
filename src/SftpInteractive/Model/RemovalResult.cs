namespace SftpInteractive;

/// <summary>What a recursive remove did, or would do in a dry run.</summary>
/// <param name="Root">The path that was removed.</param>
/// <param name="Paths">Every file, link and directory, deepest first (the order of removal).</param>
/// <param name="DryRun">True when nothing was removed.</param>
/// <param name="Bytes">Total size of the files.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record RemovalResult(string Root, IReadOnlyList<string> Paths, bool DryRun, long Bytes) : IRichDisplay
{
    /// <inheritdoc />
    public string ToText()
    {
        var verb = DryRun ? "Would remove" : "Removed";
        // The paths as a one-column table's rows: bounded (head and tail) like every other long result.
        var (rows, more) = new DisplayTable(null, "Path").AddRows(Paths, p => [p]).ShownRows();
        var shown = string.Join("\n", rows.Select(r => "  " + (r?[0] ?? more)));
        return $"{verb} {Format.Count(Paths.Count, "entry", "entries")} ({Format.Bytes(Bytes)}) under {Root}" +
               (DryRun ? " (dry run: nothing was removed)" : string.Empty) + (Paths.Count > 0 ? "\n" + shown : string.Empty);
    }

    /// <inheritdoc />
    public string ToHtml() => "<pre>" + System.Net.WebUtility.HtmlEncode(ToText()) + "</pre>";

    /// <inheritdoc />
    public override string ToString() => ToText();
}
