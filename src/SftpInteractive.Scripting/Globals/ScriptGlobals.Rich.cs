#pragma warning disable CA1822 // Script globals must be instance members: scripts reach them through the globals object.

namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Formatters for your own types, used by <see cref="Display"/> and a cell's value in every host:
    /// <c>Formatters.Register&lt;Point&gt;(html: p =&gt; $"&lt;b&gt;{p.X},{p.Y}&lt;/b&gt;", text: p =&gt; $"({p.X},{p.Y})")</c>;
    /// <c>Formatters.Clear()</c> removes them.</summary>
    public FormatterRegistry Formatters { get; } = new();

    /// <summary>Markdown rendered by the notebook (<c>text/markdown</c>); the terminal prints the source.</summary>
    public MarkdownContent Markdown(string markdown) => new(markdown);

    /// <summary>An HTML fragment shown as is in notebooks (<c>text/html</c>); the terminal prints its text.</summary>
    public HtmlContent Html(string html) => new(html);

    /// <summary>A PNG, JPEG or GIF image from its bytes (format read from the content); the terminal prints its type
    /// and size.</summary>
    /// <exception cref="ArgumentException">The bytes are not a PNG, JPEG or GIF image.</exception>
    public ImageContent Image(byte[] bytes) => new(bytes);

    /// <summary>A PNG, JPEG or GIF image from a local file (format read from the content, not the extension).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file is not a PNG, JPEG or GIF image.</exception>
    public ImageContent Image(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var full = Path.GetFullPath(filePath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no image file at {full}", full);
        }

        return new ImageContent(File.ReadAllBytes(full));
    }

    /// <summary>An SVG drawing (<c>image/svg+xml</c>).</summary>
    /// <exception cref="ArgumentException">The text has no <c>&lt;svg</c> element.</exception>
    public SvgContent Svg(string svg) => new(svg);

    /// <summary>JSON text shown as a tree in notebooks (<c>application/json</c>), pretty-printed in terminals.</summary>
    /// <exception cref="ArgumentException">The text is not valid JSON.</exception>
    public JsonContent Json(string json) => JsonContent.Parse(json);

    /// <summary>Any object serialized with System.Text.Json, shown as <c>application/json</c>.</summary>
    public JsonContent Json(object? value) => JsonContent.From(value);
}
