namespace SftpInteractive.Scripting;

/// <summary>
/// The one wait-or-abandon rule for a running submission: wait for it; once its token fires, give it
/// <see cref="GracePeriod"/> to stop by itself (transfers clean up their <c>.part</c> files, cooperative code reports
/// Cancelled), then stop waiting so the host gets its prompt back while the code runs on unobserved. The engine guards
/// each submission and widget callback with it; a host over an engine (the kernel) guards the engine call with
/// <see cref="WaitAsync"/> too, with <c>outer: true</c>, which first leaves the engine its own grace period.
/// </summary>
public static class SubmissionGuard
{
    /// <summary>The grace period: how long a cancelled submission may take to stop by itself.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromMilliseconds(750);

    /// <summary>Waits for <paramref name="run"/>; after <paramref name="cancellationToken"/> fires, waits at most the
    /// grace period more.</summary>
    /// <param name="run">The submission.</param>
    /// <param name="cancellationToken">The submission's token.</param>
    /// <param name="grace">The grace period (default <see cref="GracePeriod"/>).</param>
    /// <param name="outer">True for a host guarding an engine that applies this guard itself: it waits one grace period
    /// for the engine's and one for its own, so the engine's own report ("ignored cancellation") comes first.</param>
    /// <returns>True when <paramref name="run"/> finished; false when it was abandoned.</returns>
    internal static async Task<bool> WaitAsync(Task run, CancellationToken cancellationToken, TimeSpan? grace = null, bool outer = false)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => cancelled.TrySetResult()).ConfigureAwait(false))
        {
            if (await Task.WhenAny(run, cancelled.Task).ConfigureAwait(false) == run)
            {
                return true;
            }
        }

        var wait = (grace ?? GracePeriod) * (outer ? 2 : 1);
        return await Task.WhenAny(run, Task.Delay(wait, CancellationToken.None)).ConfigureAwait(false) == run;
    }
}
