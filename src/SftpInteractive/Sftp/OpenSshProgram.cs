using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// The <c>ssh</c> program the OpenSSH transport runs: found on PATH once per process and its version checked
/// (<c>ssh -V</c>), so a missing or too old OpenSSH gives one clear message instead of an exec failure.
/// </summary>
internal static partial class OpenSshProgram
{
    /// <summary>The oldest OpenSSH whose options the transport needs: <c>KnownHostsCommand</c> (8.5), so our host-key
    /// policy decides, and <c>SSH_ASKPASS_REQUIRE</c> (8.4), so prompts reach our host.</summary>
    public static readonly Version Minimum = new(8, 5);

    private static readonly Lazy<(string? Path, Version? Version, string? Problem)> Found = new(() => Find(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The full path of a usable <c>ssh</c>.</summary>
    /// <exception cref="SftpConfigException"><c>ssh</c> is missing or older than <see cref="Minimum"/>.</exception>
    public static string Path => Found.Value.Problem is { } problem ? throw new SftpConfigException(problem) : Found.Value.Path!;

    /// <summary>The version of the <c>ssh</c> found, or null.</summary>
    public static Version? Version => Found.Value.Version;

    /// <summary>The version in <c>ssh -V</c>'s banner (<c>OpenSSH_9.2p1 …</c>), or null when it is not OpenSSH.</summary>
    public static Version? ParseVersion(string banner) =>
        VersionPattern().Match(banner) is { Success: true } m
            ? new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    /// <summary>The first <c>ssh</c> on <paramref name="searchPath"/> (a PATH value), its version, and the problem with
    /// it in one sentence (missing, not runnable, too old), or null when it is usable.</summary>
    internal static (string? Path, Version? Version, string? Problem) Find(string? searchPath)
    {
        const string Fix = "Install OpenSSH's client (Debian/Ubuntu: apt-get install openssh-client) or use SFTP_TRANSPORT=sshnet.";
        var path = (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "ssh.exe" : "ssh"))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, null, $"SFTP_TRANSPORT=openssh needs the ssh program, and there is none on PATH. {Fix}");
        }

        string banner;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "-V") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            banner = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, null, $"SFTP_TRANSPORT=openssh could not run {path} ({e.Message}). {Fix}");
        }

        var version = ParseVersion(banner);
        return version is null || version < Minimum
            ? (path, version, $"SFTP_TRANSPORT=openssh needs OpenSSH {Minimum} or later, but {path} says '{banner.Trim()}'. {Fix}")
            : (path, version, null);
    }

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
