using System.Net;

namespace SftpInteractive.Scripting;

/// <summary><c>#!lsmagic</c>: the magics and directives this engine handles, from <see cref="DirectiveRegistry"/>.</summary>
internal sealed class LsMagic : Magic
{
    public override string Name => "#!lsmagic";

    public override string Description => "List the magic commands and directives";

    public override MagicKind Kind => MagicKind.Action;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        var rows = DirectiveRegistry.Magics.Concat(DirectiveRegistry.Directives)
            .Where(d => d.Hosts.HasFlag(DirectiveHosts.Engine))
            .Select(d => (Name: d.Usage, d.Description))
            .ToList();
        var width = rows.Max(r => r.Name.Length);
        var text = "Magic commands and directives:\n" + string.Join('\n', rows.Select(r => "  " + r.Name.PadRight(width) + "  " + r.Description));
        var html = "<table><thead><tr><th>Magic</th><th>What it does</th></tr></thead><tbody>"
            + string.Concat(rows.Select(r => $"<tr><td><code>{WebUtility.HtmlEncode(r.Name)}</code></td><td>{WebUtility.HtmlEncode(r.Description)}</td></tr>"))
            + "</tbody></table>";
        context.Display.Display(new RenderedValue(text, html, null));
        return Task.FromResult(Done);
    }
}
