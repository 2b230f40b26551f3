namespace SftpInteractive.Scripting;

/// <summary>
/// One engine magic command (<c>#!name</c> at the start of a line), as .NET Interactive's notebooks use them. Applied by
/// the engine before Roslyn compiles, so the kernel, the REPL, piped scripts and <c>sftpi run</c> share it.
/// </summary>
internal abstract class Magic
{
    /// <summary>The name with its prefix, for example <c>#!time</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Other names for the same magic (<c>#!c#</c> for <c>#!csharp</c>).</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>One line for <c>#!lsmagic</c>.</summary>
    public abstract string Description { get; }

    /// <summary>How the magic takes the lines after it.</summary>
    public abstract MagicKind Kind { get; }

    /// <summary>Runs the magic. <paramref name="argument"/> is the rest of its line (trimmed); <paramref name="body"/>
    /// the lines it takes (a language's text, or the rest of the cell for a prefix), with blank lines in front so that
    /// line numbers stay those of the cell.</summary>
    public abstract Task<SubmissionResult> RunAsync(MagicContext context, string argument, string body, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="name"/> (with its <c>#!</c>) names this magic; case-sensitive, as the engine.</summary>
    public bool Answers(string name) => name == Name || Aliases.Contains(name);

    /// <summary>Shows <paramref name="value"/> through the display pipeline; the magic's cell then has no value.</summary>
    protected static SubmissionResult Show(MagicContext context, object value)
    {
        context.Display.Display(DisplayRenderer.Render(value, context.Formatters));
        return Done;
    }

    /// <summary>A successful magic with nothing to return.</summary>
    protected static SubmissionResult Done { get; } = new SubmissionResult.Success(null, false, null);
}
