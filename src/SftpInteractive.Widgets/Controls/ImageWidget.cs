namespace SftpInteractive.Widgets;

/// <summary>An image from bytes (ipywidgets' Image; named so because <c>Image(...)</c> is the display helper); the bytes travel as a binary buffer, not base64.</summary>
public sealed class ImageWidget : DomWidget
{
    /// <summary>Creates the image.</summary>
    /// <param name="value">The encoded image (PNG, JPEG, GIF, SVG).</param>
    /// <param name="format"><c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>svg+xml</c>.</param>
    public ImageWidget(byte[]? value = null, string format = "png")
        : base("ImageModel", "ImageView")
    {
        Define("format", format);
        Define("height", string.Empty);
        Define("width", string.Empty);
        Define("value", value ?? []);
    }

    /// <summary>The encoded image.</summary>
    public byte[] Value { get => Get<byte[]>("value") ?? []; set => Set("value", value ?? []); }

    /// <summary>The image format (<c>png</c>, <c>jpeg</c>…).</summary>
    public string Format { get => Get<string>("format"); set => Set("format", value); }

    /// <summary>CSS width of the image (empty: natural size).</summary>
    public string Width { get => Get<string>("width"); set => Set("width", value); }

    /// <summary>CSS height of the image.</summary>
    public string Height { get => Get<string>("height"); set => Set("height", value); }

    /// <inheritdoc />
    protected override string Describe() => $"{Format}, {Value.Length} bytes";
}
