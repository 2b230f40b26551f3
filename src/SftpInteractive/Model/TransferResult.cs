namespace SftpInteractive;

/// <summary>The outcome of transferring one file.</summary>
/// <param name="Direction">Download or upload.</param>
/// <param name="Source">Where the file came from.</param>
/// <param name="Destination">Its final path.</param>
/// <param name="Action">What was done (transferred, resumed, overwritten, or skipped).</param>
/// <param name="Size">The file's size.</param>
/// <param name="BytesMoved">Bytes sent over the wire by this run (less than the size when resumed or skipped).</param>
/// <param name="Duration">Wall time for this file.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record TransferResult(
    TransferDirection Direction, string Source, string Destination, TransferAction Action, long Size, long BytesMoved, TimeSpan Duration)
    : IRichDisplay
{
    /// <summary>SHA-256 (lower-case hex) both sides agreed on, when it was checked.</summary>
    public string? Sha256 { get; init; }

    /// <summary>What was verified: "none", "size" or "size+sha256", with a note when SHA-256 was asked for but not possible.</summary>
    public string Verified { get; init; } = "none";

    /// <summary>How many times the connection was lost during this file and the transfer reconnected and resumed
    /// (see <see cref="TransferOptions.Retries"/>).</summary>
    public int Retries { get; init; }

    /// <summary>True when the file was not copied because the target was identical or a conflict.</summary>
    public bool Skipped => Action is TransferAction.SkipIdentical or TransferAction.Conflict;

    /// <inheritdoc />
    public string ToText()
    {
        var rate = BytesMoved > 0 && Duration > TimeSpan.Zero ? $" ({Format.Rate(BytesMoved / Duration.TotalSeconds)})" : string.Empty;
        var sha = Sha256 is null ? string.Empty : " sha256 " + Sha256;
        var (from, to) = Direction == TransferDirection.Download ? (Source, LocalPaths.Display(Destination)) : (LocalPaths.Display(Source), Destination);
        var retries = Retries > 0 ? $", resumed after {Retries} lost connection{(Retries == 1 ? string.Empty : "s")}" : string.Empty;
        return $"{Action} {from} -> {to}: {Format.Bytes(Size)} in {Format.Duration(Duration)}{rate}, verified: {Verified}{sha}{retries}";
    }

    /// <inheritdoc />
    public string ToHtml() => $"<div class=\"sftpi-transfer\">{System.Net.WebUtility.HtmlEncode(ToText())}</div>";

    /// <inheritdoc />
    public override string ToString() => ToText();
}
