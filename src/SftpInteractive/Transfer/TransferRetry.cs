using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// The policy behind <see cref="TransferOptions.Retries"/>: which failures deserve another attempt (a lost or timed-out
/// connection; never a refusal, a full disk or a cancel), how long to wait, how a retry resumes, and the message once
/// the retries are used up.
/// </summary>
internal static class TransferRetry
{
    /// <summary>
    /// True when <paramref name="mapped"/> (already translated by <see cref="SftpErrors"/>) means the connection failed
    /// rather than the request. A cut can also surface as a generic SSH error or a cancelled wait inside SSH.NET; those
    /// count too when the client that ran the transfer is no longer connected.
    /// </summary>
    public static bool IsConnectionLoss(Exception mapped, SftpClient? client) =>
        mapped is SftpConnectionException
        || ((mapped is not SftpInteractiveException || mapped.GetType() == typeof(SftpInteractiveException)) && client is not null && !SftpSession.IsUp(client));

    /// <summary>The plan item for the next attempt: resume from whatever the <c>.part</c> holds by now.</summary>
    public static TransferPlanItem Resuming(TransferPlanItem item) => item.WillMove ? item with { Action = TransferAction.Resume, ResumeFrom = 0 } : item;

    /// <summary>Waits before retry number <paramref name="retry"/> (1-based); cancellable.</summary>
    public static Task WaitAsync(TransferOptions options, int retry, CancellationToken cancellationToken)
    {
        var delay = options.DelayBefore(retry);
        SftpLog.Info($"connection lost: retry {retry} of {options.EffectiveRetries} (reconnect, then resume) in {Format.Duration(delay)}");
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, options.TimeProvider, cancellationToken);
    }

    /// <summary>The error once the connection was lost and no retry is left.</summary>
    public static SftpTransferException Exhausted(string operation, string path, string part, TransferOptions options, Exception last)
    {
        var what = options.EffectiveRetries == 0
            ? "the connection was lost and automatic retries are off (TransferOptions.Retries = 0)"
            : $"the connection was lost and all {options.EffectiveRetries} retries (reconnect, then resume) failed";
        return new SftpTransferException(
            $"Could not {operation} {path}: {what}. Nothing was written under the final name; the data moved so far is kept in {part}. " +
            $"Call Reconnect() once the server is reachable, then run the same call again to resume. Last cause: {last.Message}", last);
    }
}
