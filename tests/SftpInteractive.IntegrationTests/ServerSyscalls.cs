using System.Diagnostics;
using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// What the server's processes do, seen by <c>strace</c>: attaches to the sshd processes that serve SFTP channels
/// (<c>user@internal-sftp</c>) started since a snapshot, so only this test's sessions are traced, and records one system
/// call with file paths.
/// </summary>
internal sealed class ServerSyscalls : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly string _output;

    private ServerSyscalls(Process strace, string output)
    {
        _strace = strace;
        _output = output;
    }

    /// <summary>The SFTP-serving sshd processes running now (take it before connecting).</summary>
    public static HashSet<int> Snapshot() => [.. SftpServers()];

    /// <summary>Starts tracing <paramref name="syscall"/> in the SFTP-serving sshd processes not in
    /// <paramref name="before"/>; skips the test where strace is missing or may not attach.</summary>
    public static async Task<ServerSyscalls> AttachAsync(HashSet<int> before, string syscall, CancellationToken cancellationToken)
    {
        var pids = SftpServers().Where(p => !before.Contains(p)).ToList();
        Assert.NotEmpty(pids);
        if (!File.Exists("/usr/bin/strace"))
        {
            Assert.Skip("strace is not installed (apt-get install strace).");
        }

        var output = Path.Combine(Path.GetTempPath(), $"sftpi-strace-{Guid.NewGuid():N}.log");
        var psi = new ProcessStartInfo("/usr/bin/strace") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-y", "-e", "trace=" + syscall, "-o", output })
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var pid in pids)
        {
            psi.ArgumentList.Add("-p");
            psi.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        var strace = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start strace.");
        var attached = 0;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        // strace says "Process N attached" on stderr for each; the trace is complete only after the last.
        while (attached < pids.Count && await strace.StandardError.ReadLineAsync(bound.Token) is { } line)
        {
            if (line.Contains("Operation not permitted", StringComparison.Ordinal))
            {
                strace.Kill();
                Assert.Skip("strace may not attach to the server's processes here: " + line);
            }

            attached += line.EndsWith(" attached", StringComparison.Ordinal) ? 1 : 0;
        }

        _ = strace.StandardError.ReadToEndAsync(CancellationToken.None);
        return new ServerSyscalls(strace, output);
    }

    /// <summary>Waits (bounded) until a recorded call names <paramref name="path"/>; false when none did.</summary>
    public Task<bool> SawAsync(string path, TimeSpan within, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => File.Exists(_output) && File.ReadAllText(_output).Contains("<" + path + ">", StringComparison.Ordinal), within, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_strace.HasExited)
        {
            _strace.Kill(); // strace's tracees are detached by the kernel and go on
        }

        await _strace.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _strace.Dispose();
        File.Delete(_output);
    }

    private static IEnumerable<int> SftpServers()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string title;
            try
            {
                title = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }

            if (title.Contains("sshd: ", StringComparison.Ordinal) && title.Contains("@internal-sftp", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }
}
