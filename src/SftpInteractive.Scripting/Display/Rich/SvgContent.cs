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

        Svg = svg;
    }

    /// <summary>The SVG markup.</summary>
    public string Svg { get; }

    /// <inheritdoc />
    public string ToText() => $"[SVG image, {Format.Bytes(Encoding.UTF8.GetByteCount(Svg))}]";

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Svg, Svg)];

    /// <inheritdoc />
    public override string ToString() => ToText();
}
