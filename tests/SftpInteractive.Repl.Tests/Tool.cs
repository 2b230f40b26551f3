using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>The built <c>sftpi</c> of this test run's configuration, and a way to run it with piped input.</summary>
public static class Tool
{
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Executable => Path.Combine(TestServer.RepoRoot, "src", "SftpInteractive.Tool", "bin", Configuration, "net10.0", "sftpi");

    /// <summary>Runs <paramref name="executable"/> with <paramref name="stdin"/> piped in; bounded by a timeout.</summary>
    public static Task<(int Code, string Out, string Err)> RunPiped(string executable, string stdin, params string[] arguments) =>
        RunPipedIn(null, null, executable, stdin, arguments);

    /// <summary>Like <see cref="RunPiped"/>, in <paramref name="workingDirectory"/> with <paramref name="environment"/>
    /// applied (a null value removes a variable). The developer's own SFTP_* variables are always removed; the compiled
    /// script cache is off unless <paramref name="environment"/> names a folder.</summary>
    public static async Task<(int Code, string Out, string Err)> RunPipedIn(string? workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        string executable, string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SFTP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["SFTPI_SCRIPT_CACHE"] = "off"; // each run compiles, unless a test gives its own cache folder
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        start.Environment["SFTPI_HISTORY"] = Path.Combine(Path.GetTempPath(), "sftpi-test-history-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sftpi did not exit within 2 minutes: " + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
