namespace SftpInteractive.Scripting.Notebook;

/// <summary>What <c>Javascript(code)</c> and <c>CSS(rules)</c> show: as .NET Interactive did, an HTML
/// <c>&lt;script type="text/javascript"&gt;</c> (JupyterLab runs scripts in trusted HTML output but not
/// <c>application/javascript</c>). The one definition of a script output: <c>#!javascript</c> cells show it too.</summary>
/// <param name="code">The script.</param>
/// <param name="text">The text form: what it is (<c>[JavaScript]</c>), or the script itself where a reader wants it.</param>
internal sealed class JavascriptContent(string code, string text) : IMimeDisplay
{
    /// <summary>The script element.</summary>
    public string Html { get; } = "<script type=\"text/javascript\">" + code + "</script>";

    /// <summary>A script that adds <paramref name="css"/> to the page's head, as the engine's <c>CSS</c> did.</summary>
    public static JavascriptContent ForCss(string css)
    {
        // A template literal carries the rules; a backtick or ${ inside them would end or interpolate it.
        var literal = css.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
            .Replace("${", "\\${", StringComparison.Ordinal);
        var script = "var css = `" + literal + "`, head = document.head || document.getElementsByTagName('head')[0], " +
            "style = document.createElement('style'); head.appendChild(style); style.type = 'text/css'; " +
            "if (style.styleSheet) { style.styleSheet.cssText = css; } else { style.appendChild(document.createTextNode(css)); }";
        return new JavascriptContent(script, "[CSS]");
    }

    /// <inheritdoc />
    public string ToText() => text;

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Html, Html)];

    /// <inheritdoc />
    public override string ToString() => ToText();
}
