using System.Diagnostics;

namespace SftpInteractive.Tests.Config;

/// <summary>
/// Runs the real <c>ssh -G</c> with a fake home: <c>HOME</c> (read by ssh's Include globs) and, through nss_wrapper,
/// the passwd entry ssh reads for <c>~</c>, <c>%d</c> and relative Includes. The real ~/.ssh is never touched.
/// </summary>
internal sealed class SshMinusG(string home)
{
    private const string NssWrapper = "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so";

    /// <summary>The local user name ssh and our resolver both see.</summary>
    public static string LocalUser => Environment.UserName;

    /// <summary>Every <c>keyword value</c> line <c>ssh -G</c> prints, keyword → values in order.</summary>
    public async Task<Dictionary<string, List<string>>> RunAsync(string configFile, string host, string? user, CancellationToken cancellationToken)
    {
        var (exitCode, values, stderr) = await TryRunAsync(configFile, host, user, cancellationToken);
        Assert.True(exitCode == 0, $"ssh -G -F {configFile} {host} failed: {stderr}");
        return values;
    }

    /// <summary>Runs <c>ssh -G</c>: its exit code, the values it printed and its error output.</summary>
    public async Task<(int ExitCode, Dictionary<string, List<string>> Values, string StdErr)> TryRunAsync(string configFile, string host, string? user, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(NssWrapper), $"{NssWrapper} is missing: install Debian's libnss-wrapper (./run-tests does).");
        var passwd = Path.Combine(home, "..", "passwd");
        var group = Path.Combine(home, "..", "group");
        var uid = Uid();
        await File.WriteAllTextAsync(passwd, $"{LocalUser}:x:{uid}:{uid}:test:{home}:/bin/sh\n", cancellationToken);
        await File.WriteAllTextAsync(group, $"{LocalUser}:x:{uid}:\n", cancellationToken);

        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-G", "-F", configFile }.Concat(user is null ? [] : ["-l", user]).Append(host))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home;
        start.Environment["LD_PRELOAD"] = NssWrapper;
        start.Environment["NSS_WRAPPER_PASSWD"] = passwd;
        start.Environment["NSS_WRAPPER_GROUP"] = group;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (key, value) = space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]);
            if (!result.TryGetValue(key, out var values))
            {
                result[key] = values = [];
            }

            values.Add(value);
        }

        return (process.ExitCode, result, await stderr);
    }

    private static string Uid() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
}
