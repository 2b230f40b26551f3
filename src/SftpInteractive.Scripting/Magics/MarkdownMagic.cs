namespace SftpInteractive.Scripting;

/// <summary><c>#!markdown</c>: the lines that follow are shown as <c>text/markdown</c> (the front end renders them).</summary>
internal sealed class MarkdownMagic : Magic
{
    public override string Name => "#!markdown";

    public override IReadOnlyList<string> Aliases => ["#!md"];

    public override string Description => "Show the text that follows as Markdown";

    public override MagicKind Kind => MagicKind.Language;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken) =>
        Task.FromResult(Show(context, new MarkdownContent(body.Trim('\n'))));
}
