namespace SftpInteractive.Scripting;

/// <summary>
/// What a host calls the submission it is running, so an error names the user's code the way the host shows it:
/// the kernel and <c>sftpi run</c> say <c>cell [9]</c> (the execution count), the REPL leaves it to the engine
/// (<c>input [3]</c>). The <see cref="SubmissionContext.Label"/> of the current submission.
/// </summary>
public static class SubmissionLabel
{
    /// <summary>The running submission's label, or null when the host gave none.</summary>
    public static string? Current => SubmissionContext.Current?.Label;

    /// <summary>Names the submissions run in this async flow <paramref name="label"/> until disposed.</summary>
    /// <param name="label">For example <c>cell [9]</c>.</param>
    public static IDisposable Use(string label) => SubmissionContext.WithLabel(label).Enter();

    /// <summary>The label of a notebook cell with execution count <paramref name="executionCount"/>: <c>cell [9]</c>.</summary>
    /// <param name="executionCount">The cell's execution count.</param>
    public static string Cell(int executionCount) =>
        "cell [" + executionCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
