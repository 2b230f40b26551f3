using System.CommandLine;
using System.Runtime.Versioning;
using SftpInteractive.Tool.Warm;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi warm status|stop</c>: the waiting warm spares (docs/warm-start.md).</summary>
internal static class WarmCommand
{
    public static Command Create()
    {
        var warm = new Command("warm", "The warm spare process that makes the next interactive start fast (SFTPI_WARM=0 or --no-warm: none)");
        var status = new Command("status", "Show the waiting spares and the last lines of their log");
        status.SetAction(_ => OperatingSystem.IsLinux() ? Status() : NotHere());
        var stop = new Command("stop", "End every waiting spare (sessions already served are not touched)");
        stop.SetAction(_ => OperatingSystem.IsLinux() ? Stop() : NotHere());
        warm.Subcommands.Add(status);
        warm.Subcommands.Add(stop);
        return warm;
    }

    private static int NotHere()
    {
        Console.WriteLine("warm starts are for Linux terminals; every start here is cold");
        return 0;
    }

    [SupportedOSPlatform("linux")]
    private static int Status()
    {
        var directory = WarmPaths.DirectoryPath();
        Console.WriteLine($"directory: {directory}");
        Console.WriteLine($"this tool's identity: {WarmPaths.ComputeIdentity()}");
        foreach (var (pidFile, pid) in Spares(directory))
        {
            Console.WriteLine($"waiting: process {pid} ({Path.GetFileNameWithoutExtension(pidFile)})");
        }

        var log = Path.Combine(directory, "warm.log");
        if (File.Exists(log))
        {
            foreach (var line in File.ReadLines(log).TakeLast(10))
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }

    [SupportedOSPlatform("linux")]
    private static int Stop()
    {
        var stopped = 0;
        foreach (var (pidFile, pid) in Spares(WarmPaths.DirectoryPath()))
        {
            // The socket goes first (no launcher reaches the spare any more), then the process itself.
            File.Delete(Path.ChangeExtension(pidFile, ".sock"));
            File.Delete(pidFile);
            if (Libc.Kill(pid, LinuxSignals.Terminate) == 0)
            {
                stopped++;
            }
        }

        Console.WriteLine(stopped == 1 ? "stopped 1 spare" : $"stopped {stopped} spares");
        return 0;
    }

    [SupportedOSPlatform("linux")]
    private static IEnumerable<(string PidFile, int Pid)> Spares(string directory)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var pidFile in Directory.EnumerateFiles(directory, "*.pid"))
        {
            if (WarmSpawner.SparePid(pidFile) is { } pid)
            {
                yield return (pidFile, pid);
            }
        }
    }
}
