namespace SftpInteractive;

/// <summary>
/// How many writes a pipelined upload (<see cref="PipelinedWriter"/>) keeps outstanding, from the link's measured round
/// trip (<see cref="SftpEngine.ShortestRoundTrip"/>): enough bytes to sustain <see cref="Rate"/> over one round trip,
/// never fewer than <see cref="Least"/>, never more requests than the writer's cap. On loopback and a LAN that is about
/// 1 MiB. More only moves every stage of the chain (our process, ssh, sshd, sftp-server, the server's page cache)
/// through more memory than the processor's caches hold: on the two-core test machine OpenSSH's own sftp put 512 MiB in
/// 1.74–1.99 s with 0.5–1 MiB in flight (<c>-B 65536 -R 8</c>, <c>-B 261120 -R 2</c>, <c>-B 32768 -R 16</c>) against
/// 2.49 s with its default 64 × 255 KiB, and our put over OpenSSH went from 2.83 to 2.35 s (<c>sftp</c>: 2.71 s). At
/// distance the window grows with the round trip up to the cap, as before. Gets keep their 100 reads: with 16 of
/// 64 KiB, or 4 to 8 of 255 KiB, our 512 MiB get took 1.79–1.88 s against 1.66 s.
/// </summary>
internal static class RequestWindow
{
    /// <summary>Bytes in flight however short the round trip.</summary>
    public const int Least = 1 << 20;

    /// <summary>The throughput, in bytes per second, the window is sized to sustain over one round trip.</summary>
    public const double Rate = 512.0 * (1 << 20);

    /// <summary>Requests of <paramref name="size"/> bytes to keep outstanding over a link of <paramref name="roundTrip"/>:
    /// at least two, at most <paramref name="most"/>, all <paramref name="most"/> while the round trip is unknown (zero).</summary>
    public static int For(int size, int most, TimeSpan roundTrip)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (roundTrip <= TimeSpan.Zero)
        {
            return most;
        }

        var bytes = Math.Max(Least, roundTrip.TotalSeconds * Rate);
        return (int)Math.Clamp(Math.Ceiling(bytes / size), Math.Min(2, most), most);
    }
}
