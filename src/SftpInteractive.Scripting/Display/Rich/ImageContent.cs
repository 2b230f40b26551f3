namespace SftpInteractive.Scripting;

/// <summary>A PNG, JPEG or GIF image: the notebook shows the picture (base64 in the bundle), the terminal says what it
/// is, for example <c>[PNG image 640×480, 12.3 KiB]</c>.</summary>
public sealed class ImageContent : IMimeDisplay
{
    private readonly byte[] _bytes;

    /// <summary>Wraps image bytes; the format is read from the content, not from a file name.</summary>
    /// <exception cref="ArgumentException">The bytes are not a PNG, JPEG or GIF image.</exception>
    public ImageContent(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Info = ImageInfo.Sniff(bytes) ?? throw new ArgumentException(
            $"not a PNG, JPEG or GIF image ({bytes.Length} bytes starting {Convert.ToHexString(bytes, 0, Math.Min(8, bytes.Length))}); " +
            "for SVG use Svg(text), for other formats convert to PNG first");
        _bytes = bytes;
    }

    /// <summary>Format and size read from the header.</summary>
    public ImageInfo Info { get; }

    /// <summary>The image bytes (a copy).</summary>
    public byte[] Bytes => (byte[])_bytes.Clone();

    /// <inheritdoc />
    public string ToText()
    {
        var size = Info.Width > 0 ? $" {Info.Width}×{Info.Height}" : string.Empty;
        return $"[{Info.Format} image{size}, {Format.Bytes(_bytes.Length)}]";
    }

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(Info.MimeType, Convert.ToBase64String(_bytes))];

    /// <inheritdoc />
    public override string ToString() => ToText();
}
