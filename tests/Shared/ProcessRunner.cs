using System.Diagnostics;
using System.Text;

namespace SftpInteractive.Testing;

/// <summary>Runs a program to completion with a time limit (killed, with its children, when it overruns) and returns its
/// exit code and output: Python drivers, packers, installers.</summary>
public static class ProcessRunner
{
    public static (int ExitCode, string StdOut, string StdErr) Run(string program, IReadOnlyList<string> args, string workDir,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string? stdin = null)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, stdout.ToString(), stderr + $"\n(killed after {timeout.TotalSeconds} s)");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
