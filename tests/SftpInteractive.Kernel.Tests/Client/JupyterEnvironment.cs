using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>
/// A private Jupyter setup for one test: the kernelspec installed into a temporary --prefix that JUPYTER_PATH points
/// at (runtime and data dirs temporary too), so tests never touch the user's Jupyter config. Python is Debian's
/// /usr/bin/python3, which has jupyter_client, nbclient and jupyter_kernel_test (the first python3 on PATH may not).
/// </summary>
internal sealed class JupyterEnvironment : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private JupyterEnvironment(string root)
    {
        Root = root;
        KernelSpecInstaller.Install(KernelSpecTarget.Prefix, Path.Combine(root, "prefix"), LaunchCommand());
        WorkDir = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
    }

    /// <summary>The temporary root.</summary>
    public string Root { get; }

    /// <summary>The folder JUPYTER_PATH points at: it holds kernels/sftpinteractive/kernel.json.</summary>
    public string JupyterPath => Path.Combine(Root, "prefix", "share", "jupyter");

    /// <summary>The working directory of the Python process (and so of the kernel jupyter_client starts).</summary>
    public string WorkDir { get; }

    /// <summary>The python/ folder copied next to the test assembly.</summary>
    public static string ScriptsDir => Path.Combine(AppContext.BaseDirectory, "python");

    /// <summary>A fresh environment, or a skip when Debian's Jupyter libraries are missing.</summary>
    public static JupyterEnvironment Create(params string[] modules)
    {
        foreach (var module in modules.Prepend("jupyter_client"))
        {
            var (code, _, _) = RunProcess(Python, ["-c", "import " + module], Path.GetTempPath(), null, TimeSpan.FromSeconds(60));
            if (code != 0)
            {
                Assert.Skip($"{Python} cannot import {module}: apt-get install python3-jupyter-client python3-nbclient python3-jupyter-kernel-test jupyter-console jupyter-notebook");
            }
        }

        return new JupyterEnvironment(Directory.CreateTempSubdirectory("sftpi-jupyter-").FullName);
    }

    /// <summary>Runs a program with JUPYTER_PATH and friends pointing into this environment.</summary>
    public (int ExitCode, string StdOut, string StdErr) Run(string program, IReadOnlyList<string> args, TimeSpan timeout, string? stdin = null, string? workDirOverride = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunProcess(program, args, workDirOverride ?? WorkDir, new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["JUPYTER_PATH"] = JupyterPath,
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
            ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
        }, timeout, stdin);

    /// <summary>Runs python/kernel_scenarios.py.</summary>
    public (int ExitCode, string StdOut, string StdErr) Scenario(TimeSpan timeout, params string[] args) =>
        Run(Python, [Path.Combine(ScriptsDir, "kernel_scenarios.py"), .. args], timeout);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel still shutting down may hold a file for a moment; the temp folder is cleaned up later.
        }
    }

    // The real tool built next to the tests, started the way an installed kernelspec starts it.
    private static string[] LaunchCommand() =>
        [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "sftpi.dll")];

    private static (int, string, string) RunProcess(string program, IReadOnlyList<string> args, string workDir, Dictionary<string, string>? env, TimeSpan timeout, string? stdin = null) =>
        ProcessRunner.Run(program, args, workDir, env, timeout, stdin);
}
