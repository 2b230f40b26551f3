using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// What the operating system and the server see: this process's established TCP connections to the test server
/// (from /proc), and the server log's record of each accepted login by client port.
/// </summary>
internal static class SshConnections
{
    private const string Established = "01";

    /// <summary>Local ports of this process's established connections to 127.0.0.1:<paramref name="serverPort"/>.</summary>
    public static HashSet<int> OpenTo(int serverPort)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    sockets.Add(target[8..^1]);
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == Established && PortOf(f[2]) == serverPort && sockets.Contains(f[9]))
                {
                    ports.Add(PortOf(f[1]));
                }
            }
        }

        return ports;
    }

    /// <summary>True when the server's log shows an accepted login of <paramref name="user"/> from <paramref name="clientPort"/>.</summary>
    public static bool ServerAccepted(TestServer server, string user, int clientPort)
    {
        var log = server.Facts["SFTPI_TEST_SSHD_LOG"];
        var needle = $" for {user} from 127.0.0.1 port {clientPort.ToString(CultureInfo.InvariantCulture)} ";
        return File.ReadLines(log).Any(l => l.StartsWith("Accepted ", StringComparison.Ordinal) && l.Contains(needle, StringComparison.Ordinal));
    }

    private static int PortOf(string endpoint) =>
        int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
