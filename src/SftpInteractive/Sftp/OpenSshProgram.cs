using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SftpInteractive;

/// <summary>
/// The <c>ssh</c> program the OpenSSH transport runs: found on PATH once per process. Its version (<c>ssh -V</c>, one
/// more process) is read only when it matters: a login that failed (an OpenSSH too old for our options then gets one
/// clear message instead of ssh's "Bad configuration option"), <c>Explain()</c>, and messages about algorithm lists.
/// </summary>
internal static partial class OpenSshProgram
{
    /// <summary>The oldest OpenSSH whose options the transport needs: <c>KnownHostsCommand</c> (8.5), so our host-key
    /// policy decides, and <c>SSH_ASKPASS_REQUIRE</c> (8.4), so prompts reach our host.</summary>
    public static readonly Version Minimum = new(8, 5);

    private static readonly Lazy<string?> Located = new(() => Locate(Environment.GetEnvironmentVariable("PATH")));
    private static readonly Lazy<(string? Path, Version? Version, string? Problem)> Found = new(() => Find(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The full path of the <c>ssh</c> on PATH.</summary>
    /// <exception cref="SftpConfigException">There is no <c>ssh</c> on PATH.</exception>
    public static string Path => Located.Value ?? throw new SftpConfigException(Missing);

    /// <summary>The version of the <c>ssh</c> found (running <c>ssh -V</c> the first time), or null.</summary>
    public static Version? Version => Found.Value.Version;

    /// <summary>Why the <c>ssh</c> on PATH cannot serve (missing, not runnable, older than <see cref="Minimum"/>), or
    /// null; runs <c>ssh -V</c> the first time. Asked when a login failed, before ssh's own words are explained.</summary>
    public static string? Problem => Found.Value.Problem;

    /// <summary>The version in <c>ssh -V</c>'s banner (<c>OpenSSH_9.2p1 …</c>), or null when it is not OpenSSH.</summary>
    public static Version? ParseVersion(string banner) =>
        VersionPattern().Match(banner) is { Success: true } m
            ? new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    /// <summary>The first <c>ssh</c> on <paramref name="searchPath"/> (a PATH value), its version, and the problem with
    /// it in one sentence (missing, not runnable, too old), or null when it is usable.</summary>
    internal static (string? Path, Version? Version, string? Problem) Find(string? searchPath)
    {
        var path = Locate(searchPath);
        if (path is null)
        {
            return (null, null, Missing);
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

    private const string Fix = "Install OpenSSH's client (Debian/Ubuntu: apt-get install openssh-client) or use SFTP_TRANSPORT=sshnet.";

    private const string Missing = $"SFTP_TRANSPORT=openssh needs the ssh program, and there is none on PATH. {Fix}";

    // The first ssh on searchPath (a PATH value), or null.
    private static string? Locate(string? searchPath) =>
        (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "ssh.exe" : "ssh"))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
