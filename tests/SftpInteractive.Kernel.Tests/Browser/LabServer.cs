using System.Diagnostics;
using System.Text;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>The JupyterLab server: tests/tools/jupyterlab/serve.py run by Debian's Python over the built app, with
/// a notebook root folder and a JUPYTER_PATH holding our kernelspec. Started once for the browser tests; killed
/// with its kernels on dispose.</summary>
internal sealed class LabServer : IDisposable
{
    private const int LogLimit = 200_000;
    private readonly Process process;
    private readonly StringBuilder log = new();

    private LabServer(Process process) => this.process = process;

    /// <summary>The app's URL with its token (http://127.0.0.1:PORT/lab?token=...).</summary>
    public string Url { get; private set; } = "";

    /// <summary>What the server wrote to stderr so far (the end of it, when long).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts serve.py and waits until it prints its URL; throws with the server's output when it exits
    /// first or does not answer within <paramref name="limit"/>.</summary>
    public static LabServer Start(string script, string appDir, string rootDir, string jupyterPath, string stateDir,
        IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        var info = new ProcessStartInfo(JupyterEnvironmentPython)
        {
            WorkingDirectory = rootDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[]
                 {
                     script, "--app-dir", appDir, "--root-dir", rootDir, "--jupyter-path", jupyterPath, "--state-dir", stateDir,
                     "--kernel-name", LabNotebook.CSharpKernel, "--exit-with-stdin",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var server = new LabServer(Process.Start(info)!);
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                url.TrySetException(new InvalidOperationException("serve.py closed its output before printing its URL"));
            }
            else if (e.Data.StartsWith("SFTPI_LAB_URL=", StringComparison.Ordinal))
            {
                url.TrySetResult(e.Data["SFTPI_LAB_URL=".Length..]);
            }
        };
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        // stdin stays open: serve.py stops when it closes, also when this test process dies without disposing.

        try
        {
            if (!url.Task.Wait(limit))
            {
                throw new TimeoutException($"serve.py printed no URL in {limit.TotalSeconds} s");
            }

            server.Url = url.Task.Result;
            return server;
        }
        catch (Exception e) when (e is TimeoutException or AggregateException)
        {
            var log = server.Log;
            server.Dispose();
            throw new InvalidOperationException($"the JupyterLab server did not start: {e.GetBaseException().Message}\n{log}", e);
        }
    }

    public void Dispose()
    {
        try
        {
            // Closing its stdin stops it as SIGTERM does, shutting its kernels down; a server that does not stop in
            // time is killed with them (they are its children).
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        process.Dispose();
    }

    private static string JupyterEnvironmentPython => Client.JupyterEnvironment.Python;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
            if (log.Length > LogLimit)
            {
                log.Remove(0, log.Length - LogLimit / 2);
            }
        }
    }
}
