namespace SftpInteractive;

/// <summary>
/// How many connections one large file's get or put is split over, each moving its own contiguous range (as rclone's
/// multi-thread streams and lftp's pget do), and which prefix of a split file is complete when it stops.
/// Two limits decide. On a fast link one connection is bound by CPU: SSH.NET's cipher keeps a core busy on our side,
/// so ranges pay only where cores are free (one connection per two cores; on the bench's two cores shared with the
/// server four connections took 0.81 s for 128 MiB where one took 0.61 s). At distance one connection is bound by its
/// SSH window: sshd lets 2 MiB be in flight per channel, so one connection moves at most 2 MiB per round trip, and
/// below what one core moves on loopback (about 200 MiB/s) from <see cref="LatencyBound"/> on; there each connection
/// adds a window, whatever the cores.
/// </summary>
internal static class RangePlan
{
    /// <summary>On a fast link, files at least this large are split.</summary>
    public const long MinSize = 64L << 20;

    /// <summary>The round trip from which one connection is window-bound: 2 MiB per round trip is 200 MiB/s at 10 ms.</summary>
    public static readonly TimeSpan LatencyBound = TimeSpan.FromMilliseconds(10);

    /// <summary>On a fast link each range is at least this large, so small files don't pay for extra opens.</summary>
    private const long MinRange = 32L << 20;

    /// <summary>At distance each range is at least this large (four SSH windows): opening a connection costs about six
    /// round trips, which a range must buy back.</summary>
    private const long MinRangeAtDistance = 8L << 20;

    /// <summary>A forced split (<see cref="TransferOptions.RangedConnections"/>) still gives each range at least this.</summary>
    private const long MinForcedRange = 1L << 20;

    /// <summary>
    /// Connections for a file of <paramref name="size"/>: <paramref name="forced"/> when set (tests), else by the
    /// session's measured <paramref name="roundTrip"/> (zero when unknown): at distance one per
    /// <see cref="LatencyBound"/> of round trip, on a fast link <see cref="ConnectionsThatPay"/>; never more than
    /// <paramref name="parallelism"/>.
    /// </summary>
    public static int ConnectionsFor(long size, int? forced, TimeSpan roundTrip, int parallelism, int cores)
    {
        if (forced is { } count)
        {
            return (int)Math.Clamp(size / MinForcedRange, 1, Math.Max(1, count));
        }

        if (roundTrip >= LatencyBound)
        {
            var windows = (long)Math.Ceiling(roundTrip / LatencyBound);
            return (int)Math.Clamp(Math.Min(windows, size / MinRangeAtDistance), 1, Math.Max(1, parallelism));
        }

        return RangesFor(size, ConnectionsThatPay(parallelism, cores));
    }

    /// <summary>
    /// At distance, files at least this large are worth opening new connections for (24 SSH windows of 2 MiB): opening
    /// one costs about a dozen round trips plus a key exchange's CPU, while one connection moves a window per round
    /// trip. Smaller files use only connections already open in the pool. Measured through the 60 ms delay proxy on a
    /// busy machine, 32 MiB: 2.0 s on one connection, 1.3–1.5 s over four already open, 2.9–4.0 s over four opened for it.
    /// </summary>
    public const long MinSizeToOpen = 48L << 20;

    /// <summary>Of <paramref name="wanted"/> connections, those worth using for a file of <paramref name="size"/> when
    /// <paramref name="idle"/> pool connections are open already (a forced split is always honoured). With
    /// <paramref name="cheap"/> connections (the OpenSSH transport: a new one is a channel of the master's login, one
    /// round trip and an <c>ssh -S</c> start, no key exchange) every wanted one is worth opening: each range of at least
    /// <see cref="MinRangeAtDistance"/> buys its round trip back several times.</summary>
    public static int Affordable(int wanted, long size, int idle, bool forced, bool cheap = false) =>
        forced || cheap || size >= MinSizeToOpen ? wanted : 1 + Math.Clamp(idle, 0, Math.Max(0, wanted - 1));

    /// <summary>On a fast link: how many ranges a file of <paramref name="size"/> gets with <paramref name="parallelism"/> connections.</summary>
    public static int RangesFor(long size, int parallelism) => size < MinSize ? 1 : (int)Math.Clamp(size / MinRange, 1, parallelism);

    /// <summary>
    /// On a fast link: how many connections one file may use on a machine with <paramref name="cores"/> cores: one per
    /// two cores, at most <paramref name="parallelism"/>.
    /// </summary>
    public static int ConnectionsThatPay(int parallelism, int cores) => Math.Clamp(cores / 2, 1, Math.Max(1, parallelism));

    /// <summary>Size of each of <paramref name="count"/> ranges of a file of <paramref name="size"/> (the last may be shorter).</summary>
    public static long RangeSize(long size, int count) => (size + count - 1) / count;

    /// <summary>Bytes from the start of the file that are all written: full ranges, then the first unfinished one's part.</summary>
    public static long CompletePrefix(IReadOnlyList<long> done, long rangeSize, long size)
    {
        long prefix = 0;
        for (var i = 0; i < done.Count; i++)
        {
            var length = Math.Min(size, (i + 1) * rangeSize) - (i * rangeSize);
            prefix += Math.Min(done[i], length);
            if (done[i] < length)
            {
                break;
            }
        }

        return prefix;
    }
}
