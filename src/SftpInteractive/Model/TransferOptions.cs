namespace SftpInteractive;

/// <summary>How files are transferred. The defaults suit interactive use: resume what was interrupted, skip what is
/// already identical, check sizes, keep modification times, four connections for trees.</summary>
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
    public int Parallelism { get; init; } = 4;

    /// <summary>Clock for rates and ETA (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal int EffectiveParallelism => Math.Clamp(Parallelism, 1, 16);
}
