namespace SftpInteractive.Scripting;

/// <summary><c>#!html</c>: the lines that follow are shown as <c>text/html</c>, with their text as <c>text/plain</c>.</summary>
internal sealed class HtmlMagic : Magic
{
    public override string Name => "#!html";

    public override string Description => "Show the HTML that follows";

    public override MagicKind Kind => MagicKind.Language;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken) =>
        Task.FromResult(Show(context, new HtmlContent(body.Trim('\n'))));
}
