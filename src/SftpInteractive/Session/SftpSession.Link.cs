namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>The link's round trip as the session's SFTP engine measured it (the shortest wait of any request for its
    /// reply, <see cref="SftpEngine.ShortestRoundTrip"/>), which decides whether one large file is split over several
    /// connections (<see cref="RangePlan"/>). Zero while no reply came. Timing a whole stat instead counted our own work
    /// around it: 4–10 ms on loopback for the first after a connect, which split loopback puts on two cores.</summary>
    internal TimeSpan RoundTrip => SftpEngines.Current(_client)?.ShortestRoundTrip ?? TimeSpan.Zero;

    /// <summary>Remote <c>.part</c> files whose size is not a safe resume point (see <see cref="SftpInteractive.UnsafeParts"/>).</summary>
    internal UnsafeParts UnsafeParts { get; } = new();

    /// <summary>Connections one large file's put of <paramref name="size"/> is split over (see <see cref="RangePlan"/>).</summary>
    internal int ConnectionsForPut(long size, TransferOptions options) =>
        RangePlan.ConnectionsFor(size, options.RangedConnections, RoundTrip, options.EffectiveParallelism, Environment.ProcessorCount);

    /// <summary>
    /// Connections one large file's get of <paramref name="size"/> is split over: by cores only, the round trip aside.
    /// At distance one connection (SSH.NET's DownloadFileAsync then, <see cref="PipelinedReader"/> now, 100 reads in
    /// flight either way) already kept pace with OpenSSH's sftp, while the ranged get (fixed ranges, one SftpFileStream
    /// each, the pool opened cold) measured slower through the 60 ms delay proxy: 3.8 s cold / 1.5 s warm against
    /// 1.3–1.5 s for one connection, 32 MiB.
    /// </summary>
    internal static int ConnectionsForGet(long size, TransferOptions options) =>
        RangePlan.ConnectionsFor(size, options.RangedConnections, TimeSpan.Zero, options.EffectiveParallelism, Environment.ProcessorCount);
}
