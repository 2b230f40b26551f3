namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>A corpus cell where our kernel is not held to the engine's outcome, and why.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="Cell">The cell's index in the notebook (markdown cells count).</param>
/// <param name="FirstLine">The cell's first line, checked so an edited notebook cannot shift an entry onto another cell.</param>
/// <param name="Reason">Why the outcomes differ.</param>
/// <param name="Ours">What ours must do instead: run with one of <see cref="Alternatives"/> as its output kinds, or,
/// with <see cref="Expect.Unsupported"/>, fail with one clear error.</param>
internal sealed record CorpusDifference(string Notebook, int Cell, string FirstLine, string Reason, CorpusDifference.Expect Ours)
{
    /// <summary>What ours must do in a cell listed as a difference.</summary>
    internal enum Expect
    {
        /// <summary>Run, with output kinds <see cref="Alternatives"/> (the text/plain and warning rules still apply).</summary>
        Run,

        /// <summary>A language a C# kernel does not run: exactly one error output, nothing else, naming the magic and
        /// not a C# compiler error.</summary>
        Unsupported,
    }

    /// <summary>For <see cref="Expect.Run"/>: the output kinds ours may show (any one of these sets).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Alternatives { get; init; } = [];

    /// <summary>For <see cref="Expect.Run"/>: what ours' HTML must be (see <see cref="CellOutcome.HtmlFeatures"/>).</summary>
    public IReadOnlyList<string> HtmlFeatures { get; init; } = [];

    /// <summary>For <see cref="Expect.Unsupported"/>: the magic the error must name.</summary>
    public string Magic => FirstLine.Split(' ')[0];
}
