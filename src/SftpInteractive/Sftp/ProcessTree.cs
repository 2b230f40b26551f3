using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SftpInteractive;

/// <summary>
/// Ends a process together with the processes it started (an ssh master's askpass helper waiting for an answer, the
/// ProxyCommand ssh of a jump host). <see cref="Process.Kill(bool)"/> with the whole tree reads every process's
/// <c>/proc</c> entry to find the children: 15–35 ms at each session's close on a two-core machine, for a master that
/// usually has none. On Linux the process is stopped first (it cannot start a child meanwhile), its own children
/// lists are read, and without children it is killed alone; with children, or elsewhere, the whole tree as before.
/// </summary>
internal static class ProcessTree
{
    private const int SigStop = 19; // Linux on x86, x64, ARM and ARM64

    /// <summary>Kills <paramref name="process"/> and its descendants.</summary>
    /// <exception cref="InvalidOperationException">The process object has no process (disposed, never started).</exception>
    public static void Kill(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (CanStop && Stop(process.Id) == 0 && Children(process.Id) is { Count: 0 })
        {
            process.Kill();
            return;
        }

        process.Kill(entireProcessTree: true);
    }

    /// <summary>The process ids of <paramref name="pid"/>'s children (every thread's list), or null when the system does
    /// not say (not Linux, or a kernel without <c>/proc/…/children</c>).</summary>
    internal static List<int>? Children(int pid)
    {
        try
        {
            var children = new List<int>();
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var listed = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
            }

            return children;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static bool CanStop =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.X86 or Architecture.Arm;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    private static int Stop(int pid) => SendSignal(pid, SigStop);
}
