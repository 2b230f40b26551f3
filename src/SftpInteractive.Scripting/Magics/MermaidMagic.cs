using System.Net;

namespace SftpInteractive.Scripting;

/// <summary>
/// <c>#!mermaid</c>: the diagram that follows, drawn by mermaid's JavaScript inside the HTML output as the engine drew it
/// (the ES module from jsdelivr, mermaid 10.6.1, the engine's version). The diagram's source sits in the HTML as text, so the
/// output still reads with scripts stripped (GitHub, nbviewer), and is the <c>text/plain</c> beside it.
/// </summary>
internal sealed class MermaidMagic : Magic
{
    /// <summary>The mermaid module the HTML loads.</summary>
    public const string ModuleUrl = "https://cdn.jsdelivr.net/npm/mermaid@10.6.1/dist/mermaid.esm.min.mjs";

    public override string Name => "#!mermaid";

    public override string Description => "Draw the Mermaid diagram that follows";

    public override MagicKind Kind => MagicKind.Language;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        var diagram = body.Trim('\n');
        var id = "mermaid-" + Guid.NewGuid().ToString("N");
        var html = $"""
            <div class="sftpi-mermaid" style="background-color:white">
            <pre id="{id}" class="mermaid">{WebUtility.HtmlEncode(diagram)}</pre>
            <script type="module">
            import mermaid from '{ModuleUrl}';
            mermaid.initialize({"{"} startOnLoad: false {"}"});
            await mermaid.run({"{"} nodes: [document.getElementById('{id}')] {"}"});
            </script>
            </div>
            """;
        context.Display.Display(new RenderedValue(diagram, html, diagram));
        return Task.FromResult(Done);
    }
}
