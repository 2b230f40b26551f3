using System.Runtime.Versioning;
using System.Diagnostics;
using System.Globalization;

namespace SftpInteractive.Tool.Warm;

/// <summary>Starts the spare for the next interactive start, detached (its own session through <c>setsid -f</c>,
/// standard streams on /dev/null, re-parented at once so it never lingers as a zombie), unless one of this tool's
/// identity already waits.</summary>
[SupportedOSPlatform("linux")]
internal static class WarmSpawner
{
    public static void StartNext()
    {
        try
        {
            var paths = WarmPaths.ForThisTool(create: true);
            if (IsWaiting(paths) || Environment.ProcessPath is not { } executable)
            {
                return;
            }

            var start = new ProcessStartInfo("/bin/sh")
            {
                // Redirected, so .NET leaves the terminal's modes alone for this child (it would hand a child that
                // shares the terminal its original modes); the shell puts the spare on /dev/null.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-c", "exec setsid -f \"$@\" </dev/null >/dev/null 2>&1", "sh", executable })
            {
                start.ArgumentList.Add(argument);
            }

            if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
            {
                start.ArgumentList.Add(WarmPaths.ToolAssembly);
            }

            start.ArgumentList.Add(WarmLauncher.SpareArgument);
            using var shell = Process.Start(start);
            if (shell is null)
            {
                return;
            }

            shell.StandardInput.Close();
            shell.WaitForExit(10_000); // setsid -f forks and returns at once: the spare's parent is init, not us
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No spare: the next start is cold, as it is without warm starts.
        }
    }

    /// <summary>Whether a spare of this identity waits (its pid file names a live spare).</summary>
    public static bool IsWaiting(WarmPaths paths) => WaitingPid(paths) is not null;

    /// <summary>The pid in <paramref name="paths"/>' pid file when that process is a live spare.</summary>
    public static int? WaitingPid(WarmPaths paths) => SparePid(paths.PidFile);

    /// <summary>The pid in <paramref name="pidFile"/> when that process is a live <c>sftpi --warm-spare</c>.</summary>
    public static int? SparePid(string pidFile)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return null;
            }

            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains(WarmLauncher.SpareArgument, StringComparison.Ordinal) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
