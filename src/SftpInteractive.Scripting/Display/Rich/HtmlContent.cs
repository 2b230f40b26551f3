using System.Net;
using System.Text.RegularExpressions;

namespace SftpInteractive.Scripting;

/// <summary>An HTML fragment shown as is in notebooks (<c>text/html</c>); the terminal shows its text without tags.</summary>
public sealed partial class HtmlContent : IMimeDisplay
{
    /// <summary>Wraps <paramref name="html"/>.</summary>
    public HtmlContent(string html) => Html = html ?? throw new ArgumentNullException(nameof(html));

    /// <summary>The HTML fragment.</summary>
    public string Html { get; }

    /// <inheritdoc />
    public string ToText()
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(Html, "\n"), string.Empty)).Trim();
        return text.Length > 0 ? text : "[HTML]";
    }

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Html, Html)];

    /// <inheritdoc />
    public override string ToString() => Html;

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<(br\s*/?|/p|/div|/tr|/h[1-6]|/li)\s*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();
}
