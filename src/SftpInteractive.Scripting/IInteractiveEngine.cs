namespace SftpInteractive.Scripting;

/// <summary>
/// What every host (REPL, Jupyter kernel) needs from the engine. Submissions keep state across calls; each gets its
/// own cancellation token, and the result is a value, never an exception, so the host's loop never dies.
/// </summary>
public interface IInteractiveEngine : IAsyncDisposable
{
    /// <summary>Compiles and runs a trivial submission in the background so the first real one is fast.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts compiling <paramref name="code"/>, known to be the first submission before it can run (a piped
    /// script while the connection opens), so that <see cref="ExecuteAsync"/> with the same code then only runs it.
    /// Engines without this do nothing.</summary>
    void Prepare(string code)
    {
    }

    /// <summary>Looks for the compiled form of a piped <paramref name="script"/> stored by an earlier run
    /// (<see cref="SaveCompiledScript"/>). When found, returns its submissions: <see cref="ExecuteAsync"/> with each of
    /// them, in order, then runs the stored code without compiling it. Null when there is none, or before anything ran
    /// only; the host then splits and runs the script as usual. Engines without a cache return null.</summary>
    IReadOnlyList<string>? LoadCompiledScript(string script) => null;

    /// <summary>Stores the compiled form of the submissions run so far as that of the piped <paramref name="script"/>,
    /// for <see cref="LoadCompiledScript"/> in later runs; the host calls it once the whole script ran without an
    /// error. Engines without a cache do nothing.</summary>
    void SaveCompiledScript(string script)
    {
    }

    /// <summary>Runs one submission. Output and rich displays go to <paramref name="display"/>; cancelling
    /// <paramref name="cancellationToken"/> cancels the helper's operations and, if the code ignores the token,
    /// abandons waiting for it and reports <see cref="SubmissionResult.Cancelled"/>.</summary>
    Task<SubmissionResult> ExecuteAsync(string code, IDisplaySink display, CancellationToken cancellationToken = default);

    /// <summary>Completions at <paramref name="cursor"/> (C# members and locals, remote paths inside string
    /// arguments of the helper's methods). Safe to call while a submission runs.</summary>
    Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>Signature and documentation of the symbol at <paramref name="cursor"/>, or null. Safe to call while a
    /// submission runs.</summary>
    Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>How <paramref name="code"/> reads, for highlighting as it is typed (ordered by start). Safe to call
    /// while a submission runs; engines without editor services return nothing.</summary>
    Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ClassifiedRange>>([]);

    /// <summary>True when <paramref name="code"/> is a complete submission (false: the host should ask for more lines).</summary>
    bool IsComplete(string code);

    /// <summary>Runs a callback of the session (a widget's event handler, a comm message) the way a submission runs:
    /// one at a time with submissions, its console output and displays going to <paramref name="display"/>, the helper's
    /// verbs cancelled by <paramref name="cancellationToken"/>. An exception is returned as a failure, never thrown.
    /// Engines without a session run it directly.</summary>
    async Task<SubmissionResult> RunCallbackAsync(Action callback, IDisplaySink display, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        try
        {
            callback();
            return new SubmissionResult.Success(null, false, null);
        }
#pragma warning disable CA1031 // Errors are values at the interactive boundary.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Task.CompletedTask.ConfigureAwait(false);
            return new SubmissionResult.Failure(e.GetType().Name, e.Message, [], e.ToString());
        }
    }

    /// <summary>Submissions run so far, oldest first.</summary>
    IReadOnlyList<string> History { get; }
}
