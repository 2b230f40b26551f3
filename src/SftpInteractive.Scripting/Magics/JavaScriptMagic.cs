namespace SftpInteractive.Scripting;

/// <summary><c>#!javascript</c> (<c>#!js</c>): the script runs in the front end, sent as the engine's <c>Javascript(...)</c>
/// sends it in Jupyter: <c>text/html</c> holding a <c>&lt;script type="text/javascript"&gt;</c>. Its <c>text/plain</c>
/// is the script, for readers without a browser.</summary>
internal sealed class JavaScriptMagic : Magic
{
    public override string Name => "#!javascript";

    public override IReadOnlyList<string> Aliases => ["#!js"];

    public override string Description => "Run the JavaScript that follows in the notebook front end";

    public override MagicKind Kind => MagicKind.Language;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        var script = body.Trim('\n');
        return Task.FromResult(Show(context, new Notebook.JavascriptContent(script, script)));
    }
}
