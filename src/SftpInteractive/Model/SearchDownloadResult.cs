namespace SftpInteractive;

/// <summary>What <see cref="SftpSession.SearchAndDownloadAsync"/> found, planned and (unless it was a dry run) moved.</summary>
/// <param name="Matches">Every match, with the folders that could not be searched.</param>
/// <param name="Plan">What would move where (local paths mirror the remote paths below the search root).</param>
/// <param name="Report">What moved, or null for a dry run.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record SearchDownloadResult(FindResult Matches, TransferPlan Plan, TransferReport? Report) : IRichDisplay
{
    /// <summary>True when this was only a plan.</summary>
    public bool DryRun => Report is null;

    /// <summary>Local paths of the downloaded (or already identical) files.</summary>
    public IReadOnlyList<string> LocalPaths => Report is null ? [] : Report.Where(r => r.Action != TransferAction.Conflict).Select(r => r.Destination).ToList();

    /// <inheritdoc />
    public string ToText() => $"{Format.Count(Matches.Count, "match", "matches")} for {Matches.Query} under {Matches.Root}" +
                              (Matches.Errors.Count > 0 ? $" ({Format.Count(Matches.Errors.Count, "folder")} unreadable)" : string.Empty) + "\n" +
                              (Report is null ? Plan.ToText() : Report.ToText());

    /// <inheritdoc />
    public string ToHtml() => $"<div><b>{Format.Count(Matches.Count, "match", "matches")}</b> for <code>{System.Net.WebUtility.HtmlEncode(Matches.Query)}</code> under " +
                              $"<code>{System.Net.WebUtility.HtmlEncode(Matches.Root)}</code></div>" + (Report is null ? Plan.ToHtml() : Report.ToHtml());

    /// <inheritdoc />
    public override string ToString() => ToText();
}
