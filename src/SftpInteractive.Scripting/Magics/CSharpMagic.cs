namespace SftpInteractive.Scripting;

/// <summary><c>#!csharp</c> (<c>#!c#</c>, <c>#!C#</c>): the lines that follow are C#, this engine's language anyway.</summary>
internal sealed class CSharpMagic : Magic
{
    public override string Name => "#!csharp";

    public override IReadOnlyList<string> Aliases => ["#!c#", "#!C#", "#!cs"];

    public override string Description => "The code that follows is C# (the default; Polyglot notebooks open C# cells with it)";

    public override MagicKind Kind => MagicKind.Language;

    public override Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(body) ? Task.FromResult(Done) : context.RunCSharp(body, cancellationToken);
}
