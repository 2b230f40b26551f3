using System.Globalization;

namespace SftpInteractive.IntegrationTests;

/// <summary>The <c>ssh</c> processes this test process started (OpenSSH transport): masters, channel clients, a
/// master's ProxyCommand, read from <c>/proc</c>.</summary>
internal static class SshChildProcesses
{
    /// <summary>Command lines of this process's ssh masters (one per session on the OpenSSH transport).</summary>
    internal static List<string[]> Masters() =>
        [.. SshChildren().Select(CommandLine).Where(c => c.Contains("-M"))];

    /// <summary>This process's <c>ssh -S … sftp</c> channel clients: each an SFTP connection of a session on the
    /// OpenSSH transport, over its master's one login (over the master at <paramref name="controlPath"/> only, when given).</summary>
    internal static HashSet<int> SftpChannels(string? controlPath = null) =>
        [.. SshChildren().Where(pid =>
        {
            var args = CommandLine(pid);
            var socket = Array.IndexOf(args, "-S");
            return socket >= 0 && !args.Contains("-M") && args.Where(a => a.Length > 0).LastOrDefault() == "sftp"
                && (controlPath is null || socket + 1 < args.Length && args[socket + 1] == controlPath);
        })];

    /// <summary>The control socket of the master with process id <paramref name="masterId"/> (its <c>-S</c> argument).</summary>
    internal static string ControlPathOf(int masterId)
    {
        var args = CommandLine(masterId);
        var socket = Array.IndexOf(args, "-S");
        return socket >= 0 && socket + 1 < args.Length ? args[socket + 1] : "";
    }

    private static string[] CommandLine(int pid) => ProcFile(pid, "cmdline").Split('\0');

    // A file of /proc/PID, or nothing when the process ended meanwhile (a channel client closes any time).
    internal static string ProcFile(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{name}");
        }
        catch (IOException)
        {
            return "";
        }
    }

    // ssh processes whose parent is this test process.
    internal static HashSet<int> SshChildren() => ChildrenOf(Environment.ProcessId);

    /// <summary>ssh processes whose parent is <paramref name="parentId"/> (a master's ProxyCommand to a jump host).</summary>
    internal static HashSet<int> ChildrenOf(int parentId)
    {
        var self = parentId.ToString(CultureInfo.InvariantCulture);
        var children = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (stat.Contains("(ssh)", StringComparison.Ordinal) && fields[1] == self)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }

        return children;
    }
}
