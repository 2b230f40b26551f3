using System.Text.Json.Nodes;
using SftpInteractive.Testing;

[assembly: AssemblyFixture(typeof(SftpInteractive.Interactive.Tests.EngineHarness))]

namespace SftpInteractive.Interactive.Tests;

/// <summary>
/// The real .NET Interactive engine and our packages, prepared once per test run: the engine installed by
/// <c>tests/tools/install-dotnet-interactive</c>, its Jupyter kernelspec written into a private JUPYTER_PATH by
/// <c>tests/tools/dotnet-interactive-kernelspec</c>, and the core and extension packages packed from this
/// build into a local folder under a version unique to the run, so the NuGet cache never serves a stale copy (the
/// run's versions are removed from the cache afterwards).
/// </summary>
public sealed class EngineHarness : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string KernelName = "dotnet-csharp";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(10);
    private readonly Lazy<string?> _engine;
    private readonly Lazy<string?> _package;

    public EngineHarness()
    {
        Root = Directory.CreateTempSubdirectory("sftpi-engine-").FullName;
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        _engine = new(InstallEngine);
        _package = new(Pack);
    }

    public string Root { get; }

    /// <summary>The packages' version in this run.</summary>
    public string Version { get; }

    /// <summary>The local package folder (<c>#i "nuget:FOLDER"</c>).</summary>
    public string PackageFolder => Path.Combine(Root, "packages");

    /// <summary>JUPYTER_PATH holding the engine's C# kernelspec.</summary>
    public string JupyterPath => Path.Combine(Root, "jupyter");

    /// <summary>The engine's executable.</summary>
    public string Executable { get; private set; } = "";

    public static string ScriptsDir => Path.Combine(TestServer.RepoRoot, "tests", "SftpInteractive.Interactive.Tests", "python");

    /// <summary>The packages packed from this build (a failure to pack fails the test).</summary>
    public void RequirePackages() => Assert.True(_package.Value is null, _package.Value);

    /// <summary>Engine and packages ready, or a skip saying why they cannot be.</summary>
    public void Require()
    {
        if (ProcessRunner.Run(Python, ["-c", "import jupyter_client"], Path.GetTempPath(), null, TimeSpan.FromSeconds(60)).ExitCode != 0)
        {
            Assert.Skip($"{Python} cannot import jupyter_client: apt-get install python3-jupyter-client");
        }

        if (_engine.Value is { } engineError)
        {
            Assert.Skip(engineError);
        }

        RequirePackages();
    }

    /// <summary>A fresh working folder for one notebook: <c>.env</c> is the password account's, <c>totp-prompt.env</c>
    /// the TOTP account's without its password and secret (so the server's prompts must be answered), and with
    /// <paramref name="slow"/> <c>slow.env</c> the password account's through that (throttling) proxy.</summary>
    public string NotebookFolder(TestServer server, FaultProxy? slow = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "work-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(server.EnvFile("password"), Path.Combine(folder, ".env"));
        if (slow is not null)
        {
            File.WriteAllLines(Path.Combine(folder, "slow.env"), server.EnvViaProxy(slow.Port));
        }

        File.WriteAllLines(Path.Combine(folder, "totp-prompt.env"), File.ReadAllLines(server.EnvFile("totp"))
            .Where(l => !l.StartsWith("SFTP_PASSWORD=", StringComparison.Ordinal) && !l.StartsWith("SFTP_TOTP_SECRET=", StringComparison.Ordinal)));
        return folder;
    }

    /// <summary>Runs python/engine_scenarios.py in <paramref name="workDir"/>; the JSON it printed last.</summary>
    public JsonObject Scenario(string workDir, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["JUPYTER_PATH"] = JupyterPath,
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
            ["SFTPI_ENGINE"] = Executable,
        };
        var (code, stdout, stderr) = ProcessRunner.Run(Python, [Path.Combine(ScriptsDir, "engine_scenarios.py"), .. args], workDir, env, timeout);
        Assert.True(code == 0, $"engine_scenarios.py {string.Join(' ', args)} exited with {code}:\n{stderr}");
        var json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonNode.Parse(json)!.AsObject();
    }

    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "sftpinteractive", "sftpinteractive.interactive" })
        {
            TryDelete(Path.Combine(cache, id, Version.ToLowerInvariant()));
        }

        TryDelete(Root);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A kernel still shutting down may hold a file for a moment; temp folders are cleaned up later.
        }
    }

    private string? InstallEngine()
    {
        var tools = Path.Combine(TestServer.RepoRoot, "tests", "tools");
        var (code, stdout, stderr) = ProcessRunner.Run(Path.Combine(tools, "install-dotnet-interactive"), [], TestServer.RepoRoot, null, InstallLimit);
        if (code != 0)
        {
            return $"the .NET Interactive engine could not be installed (tests/tools/install-dotnet-interactive exited with {code}): {stderr}";
        }

        Executable = stdout.Trim().Split('\n')[^1].Trim();
        var spec = ProcessRunner.Run(Path.Combine(tools, "dotnet-interactive-kernelspec"), [JupyterPath], TestServer.RepoRoot, null, InstallLimit);
        return spec.ExitCode == 0 && spec.StdOut.Trim() == KernelName
            ? null
            : $"tests/tools/dotnet-interactive-kernelspec failed ({spec.ExitCode}): {spec.StdOut}\n{spec.StdErr}";
    }

    private string? Pack()
    {
        foreach (var project in new[] { "SftpInteractive", "SftpInteractive.Interactive" })
        {
            var path = Path.Combine(TestServer.RepoRoot, "src", project, project + ".csproj");
            var (code, stdout, stderr) = ProcessRunner.Run("dotnet",
                ["pack", path, "-c", Configuration, "--no-build", "-nologo", "-o", PackageFolder, $"-p:Version={Version}"], TestServer.RepoRoot, null, InstallLimit);
            if (code != 0)
            {
                return $"dotnet pack {project} failed ({code}): {stdout}\n{stderr}";
            }
        }

        return null;
    }
}
