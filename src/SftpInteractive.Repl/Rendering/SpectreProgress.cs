using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SftpInteractive.Repl;

/// <summary>Draws a <see cref="TransferProgress"/> as one Spectre.Console line: the bar in the style of Spectre's own
/// progress column (green done, grey to go), then percent, bytes, rate and ETA. Redrawn in place by display id.</summary>
internal static class SpectreProgress
{
    private const int BarWidth = 30;

    public static IRenderable ToSpectre(TransferProgress progress)
    {
        var filled = (int)Math.Round(progress.Fraction * BarWidth);
        var color = progress.IsComplete ? "green" : "yellow";
        var bar = $"[{color}]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/]";
        var text = progress.ToText();
        // Redacted here as well as at the boundary: the ellipsis may cut a secret, and a cut secret passes the boundary.
        // The shared text starts with its own ASCII bar; the rest (percent, bytes, files, rate, ETA, file) is reused.
        var details = text[(text.IndexOf(']', StringComparison.Ordinal) + 2)..];
        var line = string.Create(CultureInfo.InvariantCulture, $"{bar} {Markup.Escape(Redactor.Redact(details))}");
        return new Markup(line).Overflow(Overflow.Ellipsis);
    }
}
