namespace SftpInteractive;

/// <summary>How files are transferred. The defaults suit interactive use: resume what was interrupted, skip what is
/// already identical, check sizes, keep modification times, four connections for trees, and up to three automatic
/// reconnect-and-resume retries when the connection drops mid-transfer.</summary>
public sealed record TransferOptions
{
    /// <summary>The defaults.</summary>
    public static TransferOptions Default { get; } = new();

    /// <summary>What to do when the target exists (default <see cref="OverwritePolicy.Resume"/>).</summary>
    public OverwritePolicy Overwrite { get; init; } = OverwritePolicy.Resume;

    /// <summary>How to check a finished file (default <see cref="TransferVerification.Size"/>).</summary>
    public TransferVerification Verify { get; init; } = TransferVerification.Size;

    /// <summary>Copy the source's modification time to the target (default true).</summary>
    public bool PreserveModificationTime { get; init; } = true;

    /// <summary>How many files move at once in recursive transfers, each over its own SSH connection (1–16, default 4).</summary>
    public int Parallelism { get; init; } = SftpPool.DefaultConnections;

    /// <summary>
    /// How many times a file whose connection dropped mid-transfer is retried (default 3; 0 turns retries off). A retry
    /// reconnects (the session's working directory stays) and resumes from the <c>.part</c> file, so only the missing
    /// tail moves again. Only lost or timed-out connections are retried; refusals (permission, missing file, full disk)
    /// and cancellation are not. When the retries are used up the call throws <see cref="SftpTransferException"/>
    /// (recursive jobs list the file in <see cref="TransferReport.Failures"/>) and the <c>.part</c> stays for a later resume.
    /// </summary>
    public int Retries { get; init; } = 3;

    /// <summary>Wait before the first retry (default 1 s); each further retry waits twice as long as the one before,
    /// at most 30 s. The wait is cancellable.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Uploads only: have the server flush each file to its disk (OpenSSH's <c>fsync@openssh.com</c>) after its last
    /// write and before it is renamed to its final name, so a server crash or power loss cannot leave a short or empty
    /// file under that name (default false: one more round trip per file, and the server's disk waits). A server without
    /// the extension makes the upload fail with <see cref="SftpTransferException"/> rather than skip the flush.
    /// </summary>
    public bool Fsync { get; init; }

    /// <summary>Clock for rates and ETA (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal int EffectiveParallelism => Math.Clamp(Parallelism, 1, 16);

    /// <summary>Connections one large file's get or put is split over; null (the default) lets the link and this machine
    /// decide (<see cref="RangePlan.ConnectionsFor"/>). Tests set it to exercise the ranged paths on any machine.</summary>
    internal int? RangedConnections { get; init; }

    internal int EffectiveRetries => Math.Max(0, Retries);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): <see cref="RetryDelay"/> doubled per retry, capped.</summary>
    internal TimeSpan DelayBefore(int retry)
    {
        var max = TimeSpan.FromSeconds(30);
        if (RetryDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Clamp(retry - 1, 0, 16));
        return RetryDelay.TotalMilliseconds * factor >= max.TotalMilliseconds ? max : RetryDelay * factor;
    }
}
