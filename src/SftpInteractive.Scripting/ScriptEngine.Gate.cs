namespace SftpInteractive.Scripting;

/// <summary>The one gate-and-abandon rule for everything that runs user code (a cell, a widget callback).</summary>
public sealed partial class ScriptEngine
{
    /// <summary>
    /// Runs <paramref name="start"/> alone (the engine's gate) and waits for its task with the one guard
    /// (<see cref="SubmissionGuard"/>, <see cref="CancellationGracePeriod"/>). Code deaf to the interrupt must not keep
    /// the session from the next cell: <paramref name="onAbandon"/> runs, the task is left running unobserved (its fault
    /// observed), the gate is released and the result is <paramref name="abandoned"/>. <paramref name="after"/> runs once
    /// the gate was taken, however the run ends.
    /// </summary>
    private async Task<SubmissionResult> RunGatedAsync(
        Func<Task<SubmissionResult>> start, string abandoned, Action? onAbandon, Action? after, CancellationToken cancellationToken)
    {
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new SubmissionResult.Cancelled("cancelled before it started");
        }

        var released = false;
        try
        {
            var run = start();
            if (!await SubmissionGuard.WaitAsync(run, cancellationToken, CancellationGracePeriod).ConfigureAwait(false))
            {
                onAbandon?.Invoke();
                _ = run.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                released = true;
                _gate.Release();
                return new SubmissionResult.Cancelled(abandoned);
            }

            return await run.ConfigureAwait(false);
        }
        finally
        {
            after?.Invoke();
            if (!released)
            {
                _gate.Release();
            }
        }
    }
}
