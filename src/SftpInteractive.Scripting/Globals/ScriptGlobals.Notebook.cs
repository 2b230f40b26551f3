#pragma warning disable CA1822 // Script globals must be instance members: scripts reach them through the globals object.
#pragma warning disable IDE1006 // Lower-case names are .NET Interactive's own (display, HTML, CSS), so Polyglot cells compile.

using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using SftpInteractive.Scripting.Notebook;

namespace SftpInteractive.Scripting;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708:Identifiers should differ by more than case",
    Justification = "display/Display and HTML/Html: .NET Interactive's names beside ours, so cells of both kinds compile.")]
public partial class ScriptGlobals
{
    /// <summary>.NET Interactive's <c>display(value, mimeTypes)</c>: shows <paramref name="value"/> now, optionally only
    /// as <paramref name="mimeTypes"/>, and returns a handle whose <c>Update(newValue)</c> replaces that output in place
    /// (<c>update_display_data</c> in notebooks; a redraw in the terminal).</summary>
    [Verb(VerbGroup.Display, "show a value now (Polyglot's display); .Update(x) replaces it", Instant = true)]
    public DisplayedValue display(object? value, params string[] mimeTypes) => NotebookDisplay.Show(value, mimeTypes);

    /// <summary>.NET Interactive's <c>HTML(text)</c>: the text as HTML content (<c>text/html</c> when shown), for a cell's
    /// result or inside PocketView tags.</summary>
    [Verb(VerbGroup.Display, "HTML content (Polyglot's HTML); terminals show its text", Instant = true)]
    public IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>.NET Interactive's <c>Javascript(code)</c>: shows an HTML script element that runs
    /// <paramref name="scriptContent"/> in the notebook page (trusted notebooks); terminals show <c>[JavaScript]</c>.</summary>
    [Verb(VerbGroup.Display, "run JavaScript in the notebook page (Polyglot's Javascript)", Instant = true)]
    public void Javascript(string scriptContent)
    {
        ArgumentNullException.ThrowIfNull(scriptContent);
        NotebookDisplay.Show(new JavascriptContent(scriptContent, "[JavaScript]"), (string[]?)null);
    }

    /// <summary>.NET Interactive's <c>CSS(rules)</c>: adds a style sheet to the notebook page through a script, as the
    /// engine did; terminals show <c>[CSS]</c>.</summary>
    [Verb(VerbGroup.Display, "add CSS rules to the notebook page (Polyglot's CSS)", Instant = true)]
    public void CSS(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        NotebookDisplay.Show(JavascriptContent.ForCss(content), (string[]?)null);
    }
}
