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
        var shown = string.Join("\n", Paths.Take(50).Select(p => "  " + p));
        var more = Paths.Count > 50 ? $"\n  ... and {Paths.Count - 50} more" : string.Empty;
        return $"{verb} {Paths.Count} entries ({Format.Bytes(Bytes)}) under {Root}" + (DryRun ? " (dry run: nothing was removed)" : string.Empty) + "\n" + shown + more;
    }

    /// <inheritdoc />
    public string ToHtml() => "<pre>" + System.Net.WebUtility.HtmlEncode(ToText()) + "</pre>";

    /// <inheritdoc />
    public override string ToString() => ToText();
}
