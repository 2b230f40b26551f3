namespace SftpInteractive.Scripting;

/// <summary>The MIME types the display pipeline knows, and how each is carried.</summary>
public static class MimeTypes
{
    /// <summary><c>text/plain</c>: every bundle has it.</summary>
    public const string PlainText = "text/plain";

    /// <summary><c>text/html</c>.</summary>
    public const string Html = "text/html";

    /// <summary><c>text/markdown</c>.</summary>
    public const string Markdown = "text/markdown";

    /// <summary><c>image/svg+xml</c> (text).</summary>
    public const string Svg = "image/svg+xml";

    /// <summary><c>application/json</c>.</summary>
    public const string Json = "application/json";

    /// <summary><c>text/latex</c> (<c>LaTeXString</c>, <c>MathString</c>).</summary>
    public const string Latex = "text/latex";

    /// <summary><c>text/csv</c> (what the engine sends beside a table's HTML).</summary>
    public const string Csv = "text/csv";

    /// <summary><c>image/png</c>.</summary>
    public const string Png = "image/png";

    /// <summary><c>image/jpeg</c>.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary><c>image/gif</c>.</summary>
    public const string Gif = "image/gif";

    /// <summary>True for types whose content is base64 bytes (raster images); they are not redacted.</summary>
    public static bool IsBinary(string mimeType) => mimeType is Png or Jpeg or Gif;

    /// <summary>True for JSON types (<c>application/json</c>, <c>application/*+json</c>), which Jupyter carries as a
    /// JSON value rather than a string.</summary>
    public static bool IsJson(string mimeType) =>
        mimeType == Json || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));
}
