using System.Diagnostics;

namespace SftpInteractive.IntegrationTests;

/// <summary>A small tmpfs mounted under a temporary folder (a real full disk for tests); unmounted and removed on dispose.
/// Needs root (or CAP_SYS_ADMIN); <see cref="TryMount"/> says why when it cannot.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs? TryMount(int bytes, out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "mounting a tmpfs needs Linux";
            return null;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            reason = $"mounting a tmpfs needs root; this test runs as {Environment.UserName}";
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("sftpi-tmpfs-").FullName;
        var (code, output) = Run("mount", $"-t tmpfs -o size={bytes},mode=0755 sftpi-test {dir}");
        if (code != 0)
        {
            Directory.Delete(dir);
            reason = $"'mount -t tmpfs' failed ({code}): {output.Trim()}";
            return null;
        }

        reason = string.Empty;
        return new SmallTmpfs(dir);
    }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l " + Path); // something still holds a file: detach lazily rather than leak the mount
        }

        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
