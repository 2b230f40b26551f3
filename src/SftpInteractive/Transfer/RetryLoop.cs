using System.Runtime.ExceptionServices;

namespace SftpInteractive;

/// <summary>
/// The one loop behind <see cref="TransferOptions.Retries"/>, used by a single file's transfer, a tree job's planning,
/// its connections' logins and each of its files: run the attempt; when it fails, let the caller say whether that was a
/// connection loss worth another try (<see cref="TransferRetry"/> holds the policy); if so wait
/// (<see cref="TransferRetry.WaitAsync"/>), let the caller recover (heal the session, replace a pool connection) and
/// run the attempt again, up to <see cref="TransferOptions.EffectiveRetries"/> retries. Cancellation stops the waits
/// and is never retried.
/// </summary>
internal static class RetryLoop
{
    /// <summary>What the caller decides about a failed attempt: null retries it; an exception ends the loop with it (the
    /// failure itself is rethrown with its own stack trace).</summary>
    /// <param name="failure">What the attempt threw.</param>
    /// <param name="retry">The attempt's number: 0 for the first, 1 for the first retry.</param>
    public delegate Exception? Failed(Exception failure, int retry);

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, <paramref name="failed"/> gives up, or the token
    /// fires.</summary>
    /// <param name="options">The retry count and delays.</param>
    /// <param name="attempt">One try; gets its number (0 first) and the token.</param>
    /// <param name="failed">Decides about a failure (not called for a cancellation of <paramref name="cancellationToken"/>).</param>
    /// <param name="recover">Runs after the wait and before the next attempt.</param>
    /// <param name="again">Optional: called with a result while retries are left; true runs the attempt again at once
    /// (a plan that met a dropped connection, healed by the caller), false returns the result.</param>
    /// <param name="cancellationToken">Stops the attempts and the waits.</param>
    public static async Task<T> RunAsync<T>(TransferOptions options, Func<int, CancellationToken, Task<T>> attempt, Failed failed,
        Func<CancellationToken, Task> recover, Func<T, CancellationToken, Task<bool>>? again, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            T result;
            try
            {
                result = await attempt(retry, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var end = failed(e, retry);
                if (ReferenceEquals(end, e))
                {
                    ExceptionDispatchInfo.Throw(e);
                }

                if (end is not null)
                {
                    throw end;
                }

                await TransferRetry.WaitAsync(options, retry + 1, cancellationToken).ConfigureAwait(false);
                await recover(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (again is null || retry >= options.EffectiveRetries || !await again(result, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }
        }
    }

    /// <summary>The decision of the loops that retry only a failed login or a dropped connection
    /// (<see cref="SftpConnectionException"/>) while retries are left; everything else ends the loop.</summary>
    public static Failed OnConnectionFailure(TransferOptions options, CancellationToken cancellationToken) =>
        (e, retry) => e is SftpConnectionException && retry < options.EffectiveRetries && !cancellationToken.IsCancellationRequested ? null : e;
}
