namespace SftpInteractive.Scripting;

/// <summary><c>#!who</c>: the names of the session's variables; <c>#!whos</c>: the variables table of <c>#who</c>
/// (name, type, value). As the engine, the names alone for the first, the table for the second.</summary>
internal sealed class WhoMagic(bool whos) : Magic
{
    public override string Name => whos ? "#!whos" : "#!who";

    public override string Description => whos
        ? "The session's variables: name, type and value"
        : "The names of the session's variables";

    public override MagicKind Kind => MagicKind.Action;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken)
    {
        if (whos)
        {
            return Task.FromResult(Show(context, WhoDirective.Table(context.State(), context.Formatters)));
        }

        var names = WhoDirective.Latest(context.State()).Select(v => v.Name).ToList();
        // HTML as the engine sends it (its text form, the names joined by commas, beside it).
        return Task.FromResult(Show(context, names.Count == 0
            ? new HtmlContent("<i>no variables yet</i>")
            : new HtmlContent(string.Join(", ", names.Select(n => "<code>" + System.Net.WebUtility.HtmlEncode(n) + "</code>")))));
    }
}
