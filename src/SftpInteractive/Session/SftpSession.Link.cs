using System.Diagnostics;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private long _roundTripTicks = long.MaxValue;

    /// <summary>The shortest time a timed request took (the stat before each get and put): the link's round trip,
    /// which decides whether one large file is split over several connections (<see cref="RangePlan"/>). Zero until
    /// a request was timed.</summary>
    internal TimeSpan RoundTrip
    {
        get
        {
            var ticks = Interlocked.Read(ref _roundTripTicks);
            return ticks == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Remote <c>.part</c> files whose size is not a safe resume point (see <see cref="SftpInteractive.UnsafeParts"/>).</summary>
    internal UnsafeParts UnsafeParts { get; } = new();

    /// <summary>Runs one SFTP request and notes its time. The shortest seen counts: a first call may pay for JIT, a busy
    /// moment for queueing, but nothing makes a round trip look shorter than it is.</summary>
    internal async Task<T> TimedAsync<T>(Func<Task<T>> request)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await request().ConfigureAwait(false);
        var ticks = Stopwatch.GetElapsedTime(start).Ticks;
        long seen;
        while (ticks < (seen = Interlocked.Read(ref _roundTripTicks)) && Interlocked.CompareExchange(ref _roundTripTicks, ticks, seen) != seen)
        {
        }

        return result;
    }

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
