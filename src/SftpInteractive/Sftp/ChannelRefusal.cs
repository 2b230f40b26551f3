namespace SftpInteractive;

/// <summary>
/// Marks an exception as "the connection takes no more channels just now" (the server's <c>MaxSessions</c>, sshd's
/// default 10, or the share of SSH.NET's own limit a connection gives our channels), as opposed to a lost connection:
/// a job then goes on with the channels it has instead of failing or reconnecting.
/// </summary>
internal static class ChannelRefusal
{
    private const string Marker = "sftpi.channel-refused";

    /// <summary>Marks <paramref name="e"/> as a refused channel and returns it.</summary>
    public static T Mark<T>(T e) where T : Exception
    {
        e.Data[Marker] = true;
        return e;
    }

    /// <summary>True when <paramref name="e"/> was marked by <see cref="Mark{T}"/>.</summary>
    public static bool Is(Exception e) => e.Data.Contains(Marker);
}
