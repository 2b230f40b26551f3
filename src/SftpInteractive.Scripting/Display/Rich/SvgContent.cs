using System.Text;

namespace SftpInteractive.Scripting;

/// <summary>An SVG drawing (<c>image/svg+xml</c>, and the same drawing as an HTML image for viewers that sanitize SVG
/// markup away); the terminal shows <c>[SVG image, 1.2 KiB]</c>.</summary>
public sealed class SvgContent : IMimeDisplay
{
    /// <summary>Wraps SVG markup.</summary>
    /// <exception cref="ArgumentException">The text has no <c>&lt;svg</c> element.</exception>
    public SvgContent(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!svg.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("not SVG: the text has no <svg> element");
        }

        // Only the <svg> element, as IPython keeps it: an XML declaration (what SVG writers such as ScottPlot's put first)
        // makes nbconvert's HTML export fail ("Unicode strings with encoding declaration are not supported"), and a
        // DOCTYPE or comment before the element means nothing inside an HTML page.
        Svg = svg[svg.IndexOf("<svg", StringComparison.OrdinalIgnoreCase)..];
    }

    /// <summary>The SVG markup, from its <c>&lt;svg</c> element on.</summary>
    public string Svg { get; }

    /// <inheritdoc />
    public string ToText() => $"[SVG image, {Format.Bytes(Encoding.UTF8.GetByteCount(Svg))}]";

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Svg, Svg), new(MimeTypes.Html, ToImageHtml())];

    /// <summary>The drawing as an <c>&lt;img&gt;</c> with a data URI. Debian 12's nbconvert 6.5 runs SVG outputs through
    /// an HTML cleaner that keeps the <c>&lt;svg&gt;</c> element and drops every shape inside it, so an exported page
    /// showed an empty box; notebooks and exporters prefer <c>text/html</c> to <c>image/svg+xml</c>, and an image is
    /// what sanitizers (JupyterLab's for untrusted outputs, nbconvert's) let through. Redacted before encoding: the
    /// redaction of the rendered parts cannot see into base64.</summary>
    private string ToImageHtml()
    {
        var svg = Redactor.Redact(Svg);
        var end = svg.IndexOf('>', StringComparison.Ordinal);
        if (end > 0 && !svg[..end].Contains("xmlns=", StringComparison.Ordinal) && !svg[..end].Contains("xmlns =", StringComparison.Ordinal))
        {
            // Inline in HTML an <svg> needs no namespace; as an image file it draws nothing without one.
            svg = svg[..4] + " xmlns=\"http://www.w3.org/2000/svg\"" + svg[4..];
        }

        return $"<img alt=\"{System.Net.WebUtility.HtmlEncode(ToText())}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">";
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}
