using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>
/// The real JupyterLab 4 front end for the browser tests: built by tests/tools/build-jupyterlab (cached), served by
/// tests/tools/jupyterlab/serve.py on 127.0.0.1 with our kernelspec (the tool built beside these tests), and driven
/// in Debian's Chromium by node scenario scripts (Browser/scenarios/*.js, on tests/tools/jupyterlab/sftpi-lab.js).
/// Starts on first use, once for all tests of <see cref="JupyterLabBrowser"/>; a test skips only when a
/// component cannot be installed here (no Chromium, npm or Debian's Jupyter server), with the reason.
/// </summary>
/// <example><code>
/// [Collection(JupyterLabBrowser.Name)]
/// public sealed class MyTests(JupyterLabFixture lab)
/// {
///     [Fact]
///     public void Thing_Scenario_Expected()
///     {
///         var notebook = lab.WriteNotebook("thing.ipynb", "1+1");
///         var result = lab.RunScenario("my-scenario.js", new { notebook });
///         Assert.Equal("2", result["output"]!.GetValue&lt;string&gt;());
///     }
/// }
/// </code></example>
public sealed partial class JupyterLabFixture : IDisposable
{
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ServerLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DefaultScenarioLimit = TimeSpan.FromMinutes(8);
    private static readonly string Tools = Path.Combine(TestServer.RepoRoot, "tests", "tools");

    private readonly Lock gate = new();
    private JupyterEnvironment? jupyter;
    private LabServer? server;
    private string? skipReason;
    private string? startFailure;
    private string nodePath = "";
    private string chromium = "";

    /// <summary>The folder JupyterLab's file browser shows: notebooks written here open by their file name.</summary>
    public string NotebookDir { get; private set; } = "";

    /// <summary>The folder scenarios' screenshots go to: artifacts/browser/&lt;scenario&gt;/ in the repository.</summary>
    public static string ArtifactsRoot => Path.Combine(TestServer.RepoRoot, "artifacts", "browser");

    /// <summary>The app's URL with its token.</summary>
    public string Url => EnsureStarted().Url;

    /// <summary>Writes a notebook of code cells on our kernel into <see cref="NotebookDir"/> and returns its path
    /// relative to it (what <c>lab.openNotebook</c> takes).</summary>
    public string WriteNotebook(string fileName, params string[] cellSources)
    {
        EnsureStarted();
        return LabNotebook.Write(NotebookDir, fileName, cellSources);
    }

    /// <summary>Writes a notebook on another kernelspec (e.g. Debian's 'python3' for a reference run).</summary>
    public string WriteNotebookFor(string kernelName, string fileName, params string[] cellSources)
    {
        EnsureStarted();
        return LabNotebook.Write(NotebookDir, fileName, cellSources, kernelName);
    }

    /// <summary>Runs Browser/scenarios/<paramref name="scenario"/> against the app and returns the object it
    /// printed (<c>SFTPI_RESULT {...}</c>); its <paramref name="parameters"/> arrive as <c>config.params</c>. Fails
    /// the test with the scenario's error, its failure screenshot's path and the server's log when it fails.</summary>
    public JsonObject RunScenario(string scenario, object? parameters = null, TimeSpan? limit = null)
    {
        var lab = EnsureStarted();
        var script = Path.Combine(TestServer.RepoRoot, "tests", "SftpInteractive.Kernel.Tests", "Browser", "scenarios", scenario);
        Assert.True(File.Exists(script), $"no scenario {script}");
        var artifacts = Directory.CreateDirectory(Path.Combine(ArtifactsRoot, Path.GetFileNameWithoutExtension(scenario))).FullName;
        var settings = new JsonObject
        {
            ["url"] = lab.Url,
            ["artifacts"] = artifacts,
            ["notebookDir"] = NotebookDir,
            ["params"] = parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(parameters),
        };
        var environment = new Dictionary<string, string>
        {
            ["NODE_PATH"] = nodePath + Path.PathSeparator + Path.Combine(Tools, "jupyterlab"),
            ["CHROMIUM"] = chromium,
            ["SFTPI_LAB"] = settings.ToJsonString(),
        };
        var (code, stdout, stderr) = ProcessRunner.Run("node", [script], artifacts, environment, limit ?? DefaultScenarioLimit);
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith("SFTPI_RESULT ", StringComparison.Ordinal));
        var result = line is null ? null : JsonNode.Parse(line["SFTPI_RESULT ".Length..])?.AsObject();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"scenario {scenario} exited {code}; artifacts in {artifacts}");
        output?.WriteLine(result?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? stdout);
        if (code != 0 || result is null || result["error"] is not null)
        {
            Assert.Fail($"scenario {scenario} failed (exit {code}): {result?["error"]}\n{result?["stack"]}\n" +
                        $"screenshot: {result?["failureScreenshot"]}\nstderr: {Tail(stderr)}\nserver log: {Tail(lab.Log)}");
        }

        return result!;
    }

    public void Dispose()
    {
        server?.Dispose();
        jupyter?.Dispose();
    }

    // Starts everything on first use; a later test gets the same skip reason or failure without trying again.
    private LabServer EnsureStarted()
    {
        lock (gate)
        {
            if (skipReason is not null)
            {
                Assert.Skip(skipReason);
            }

            if (startFailure is not null)
            {
                Assert.Fail(startFailure);
            }

            if (server is not null)
            {
                return server;
            }

            var playwright = Install("install-playwright");
            var app = Install("build-jupyterlab");
            if (skipReason is not null)
            {
                Assert.Skip(skipReason);
            }

            nodePath = playwright!["PLAYWRIGHT_NODE_PATH"];
            chromium = playwright["CHROMIUM"];
            jupyter = JupyterEnvironment.Create("jupyter_server", "jupyterlab_server");
            NotebookDir = Directory.CreateDirectory(Path.Combine(jupyter.Root, "notebooks")).FullName;
            try
            {
                server = LabServer.Start(Path.Combine(Tools, "jupyterlab", "serve.py"), app!["JUPYTERLAB_APP"], NotebookDir,
                    jupyter.JupyterPath, Path.Combine(jupyter.Root, "lab"),
                    new Dictionary<string, string> { ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1" }, ServerLimit);
            }
            catch (InvalidOperationException e)
            {
                startFailure = e.Message;
                throw;
            }

            return server;
        }
    }

    // Runs an installer that prints KEY=VALUE lines; a failure is a skip with its reason (the component is missing).
    private Dictionary<string, string>? Install(string tool)
    {
        var (code, stdout, stderr) = ProcessRunner.Run(Path.Combine(Tools, tool), [], TestServer.RepoRoot, null, InstallLimit);
        TestContext.Current.TestOutputHelper?.WriteLine($"{tool}: {stderr.Trim()}");
        if (code != 0)
        {
            skipReason ??= $"tests/tools/{tool} exited {code}: {stderr.Trim()}";
            return null;
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
    }

    // The end of a log, without the server's token (its URLs carry it).
    private static string Tail(string text) =>
        TokenPattern().Replace(text.Length <= 4000 ? text : "..." + text[^4000..], "token=…");

    [GeneratedRegex("token=[0-9a-f]+")]
    private static partial Regex TokenPattern();
}
