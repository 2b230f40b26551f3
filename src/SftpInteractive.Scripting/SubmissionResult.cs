namespace SftpInteractive.Scripting;

/// <summary>The outcome of one submission: <see cref="Success"/>, <see cref="Failure"/> or <see cref="Cancelled"/>.</summary>
public abstract record SubmissionResult
{
    private SubmissionResult() { }

    /// <summary>The submission ran. <see cref="HasValue"/> is false for statements (no trailing expression).</summary>
    /// <param name="Value">The value of the trailing expression.</param>
    /// <param name="HasValue">True when the submission ended with an expression.</param>
    /// <param name="Rendered">The value rendered by the shared display pipeline (null when there is no value).</param>
    public sealed record Success(object? Value, bool HasValue, RenderedValue? Rendered) : SubmissionResult;

    /// <summary>The submission did not compile or threw.</summary>
    /// <param name="Name">Short error name (a compiler diagnostic id, or the exception's Kind/type name).</param>
    /// <param name="Message">One clear line, secrets redacted.</param>
    /// <param name="Diagnostics">Compiler diagnostics with positions (empty for runtime errors).</param>
    /// <param name="StackTrace">The full trace for "show details" (redacted); empty for compile errors.</param>
    public sealed record Failure(string Name, string Message, IReadOnlyList<ScriptDiagnostic> Diagnostics, string StackTrace) : SubmissionResult
    {
        /// <summary>The short trace: the frames of the user's cells (<c>Deep(int n) in cell [9], line 1</c>) and one line
        /// for the library's, Roslyn's and .NET's; empty for compile errors and for our own errors (not found,
        /// permission denied, authentication failed…), whose message says it all.</summary>
        public IReadOnlyList<string> Frames { get; init; } = [];

        /// <summary>What every host shows under the message: <see cref="Frames"/>, or every frame of
        /// <see cref="StackTrace"/> when <see cref="DisplayOptions.FullErrors"/> is on (the message is not repeated).</summary>
        public IReadOnlyList<string> TraceLines => DisplayOptions.FullErrors && StackTrace.Length > 0
            ? [.. StackTrace.ReplaceLineEndings("\n").Split('\n').Skip(1).Where(l => l.Length > 0)]
            : Frames;
    }

    /// <summary>The submission was cancelled (Ctrl+C, Jupyter interrupt).</summary>
    /// <param name="Message">What was stopped.</param>
    public sealed record Cancelled(string Message) : SubmissionResult;
}

/// <summary>A compiler diagnostic with a 1-based position inside the submission.</summary>
/// <param name="Id">For example CS0103.</param>
/// <param name="Severity">error or warning.</param>
/// <param name="Message">The compiler's message.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Length">Length of the span in characters.</param>
public sealed record ScriptDiagnostic(string Id, string Severity, string Message, int Line, int Column, int Length)
{
    /// <inheritdoc />
    public override string ToString() => $"({Line},{Column}): {Severity} {Id}: {Message}";
}
