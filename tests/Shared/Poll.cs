using System.Diagnostics;

namespace SftpInteractive.Testing;

/// <summary>The one bounded wait for conditions nothing can be awaited on (a line in a server's log, a socket file, a
/// lock another process holds, a connection closing): checks every 20 ms until it holds or the time is up.</summary>
internal static class Poll
{
    /// <summary>True once <paramref name="condition"/> holds; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }
}
