using System.Text;

namespace SftpInteractive.Scripting;

/// <summary>An SVG drawing (<c>image/svg+xml</c>); the terminal shows <c>[SVG image, 1.2 KiB]</c>.</summary>
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
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Svg, Svg)];

    /// <inheritdoc />
    public override string ToString() => ToText();
}
