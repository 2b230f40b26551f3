using System.Diagnostics;

namespace SftpInteractive.IntegrationTests;

/// <summary>Runs a command-line tool the tests rely on (ssh-keygen, puttygen) and returns its exit code and output.</summary>
internal static class ExternalTool
{
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start {file}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the tool and fails the test with its output when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync(file, arguments, cancellationToken);
        Assert.True(code == 0, $"{file} exited with {code}: {output}");
        return output;
    }
}
