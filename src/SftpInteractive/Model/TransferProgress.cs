using System.Globalization;
using System.Net;

namespace SftpInteractive;

/// <summary>A snapshot of a running transfer: the current file and the whole job. Renders as a progress bar.</summary>
/// <param name="CurrentFile">The file that reported last (several move at once in recursive transfers).</param>
/// <param name="FileBytes">Bytes of <paramref name="CurrentFile"/> done so far (including a resumed part).</param>
/// <param name="FileTotal">Size of <paramref name="CurrentFile"/>.</param>
/// <param name="Bytes">Bytes of the whole job done so far.</param>
/// <param name="Total">Bytes the whole job will move.</param>
/// <param name="FilesDone">Files finished (transferred or skipped).</param>
/// <param name="FilesTotal">Files in the job.</param>
/// <param name="BytesPerSecond">Average rate of this run (resumed bytes do not count).</param>
/// <param name="Elapsed">Time since the job started.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record TransferProgress(
    string? CurrentFile, long FileBytes, long FileTotal, long Bytes, long Total, int FilesDone, int FilesTotal,
    double BytesPerSecond, TimeSpan Elapsed) : IRichDisplay
{
    /// <summary>Fraction of the job done, 0–1.</summary>
    public double Fraction => Total <= 0 ? (FilesTotal == 0 || FilesDone == FilesTotal ? 1 : 0) : Math.Clamp((double)Bytes / Total, 0, 1);

    /// <summary>Estimated time left, or null while the rate is unknown.</summary>
    public TimeSpan? Eta => BytesPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, Total - Bytes) / BytesPerSecond) : null;

    /// <summary>True when every file is done.</summary>
    public bool IsComplete => FilesDone >= FilesTotal;

    /// <inheritdoc />
    public string ToText()
    {
        const int width = 24;
        var filled = (int)Math.Round(Fraction * width);
        var bar = new string('#', filled) + new string('-', width - filled);
        var files = FilesTotal > 1 ? $" {FilesDone}/{FilesTotal} files" : string.Empty;
        var eta = IsComplete ? $"in {Format.Duration(Elapsed)}" : Eta is { } e ? $"ETA {Format.Duration(e)}" : "ETA ?";
        var current = CurrentFile is null || IsComplete ? string.Empty : $" {CurrentFile}";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {Fraction * 100,3:0}% {Format.Bytes(Bytes)}/{Format.Bytes(Total)}{files} {Format.Rate(BytesPerSecond)} {eta}{current}");
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var percent = (Fraction * 100).ToString("0.0", CultureInfo.InvariantCulture);
        var text = WebUtility.HtmlEncode(ToText()[(ToText().IndexOf(']', StringComparison.Ordinal) + 2)..]);
        return $"<div class=\"sftpi-progress\"><progress max=\"100\" value=\"{percent}\" style=\"width:20em\"></progress> <code>{text}</code></div>";
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}
