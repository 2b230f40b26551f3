using System.Diagnostics;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The tutorial notebooks in notebooks/ executed by nbclient through the kernel against the test server, the
/// way a reader runs them: every account's .env beside the notebook (the password account's also as .env), with the
/// keys and known_hosts they name copied beside it too, as a reader keeps them next to the notebook or under ~.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class TutorialNotebookTests
{
    private static readonly string[] SecretKeys = ["SFTP_PASSWORD", "SFTP_PASSPHRASE", "SFTP_TOTP_SECRET"];

    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(Path.Combine(TestServer.RepoRoot, "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)).Order()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void TutorialNotebook_RunsWithoutErrorsSecretsOrMachinePaths(string notebook)
    {
        var server = TestServer.Require("totp");
        using var jupyter = JupyterEnvironment.Create("nbclient");
        var envDir = Path.Combine(server.StateDir, "env");
        CopyAccountFiles(server.StateDir, jupyter.WorkDir);
        var input = Path.Combine(jupyter.WorkDir, notebook);
        File.Copy(Path.Combine(TestServer.RepoRoot, "notebooks", notebook), input);

        var watch = Stopwatch.StartNew();
        var (code, stdout, stderr) = jupyter.Scenario(TimeSpan.FromMinutes(4), "notebook", input, input + ".out.ipynb");
        watch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"{notebook}: executed by nbclient in {watch.Elapsed.TotalSeconds:0.0} s");
        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, stderr);
        var executed = File.ReadAllText(input + ".out.ipynb");
        var cells = JsonNode.Parse(executed)!["cells"]!.AsArray();
        Assert.DoesNotContain(cells, c => c!["outputs"] is JsonArray outputs && outputs.Any(o => o!["output_type"]!.GetValue<string>() == "error"));
        Assert.Contains(cells, c => c!["outputs"] is JsonArray { Count: > 0 });
        foreach (var (file, key, secret) in Secrets(envDir))
        {
            Assert.False(executed.Contains(secret, StringComparison.Ordinal), $"{notebook} shows {key} of {Path.GetFileName(file)}");
        }

        foreach (var path in new[] { server.StateDir, jupyter.WorkDir, jupyter.Root, "/root" })
        {
            Assert.False(executed.Contains(path, StringComparison.Ordinal), $"{notebook} shows the machine-specific path {path}");
        }

        if (notebook.StartsWith("03-", StringComparison.Ordinal))
        {
            AssertChart(cells);
        }
    }

    /// <summary>Notebook 03 draws its chart with a plotting library loaded by <c>#r "nuget:"</c>: a real PNG and an
    /// SVG, not text bars.</summary>
    private static void AssertChart(JsonArray cells)
    {
        var data = cells.SelectMany(c => c!["outputs"] is JsonArray outputs ? outputs : []).Select(o => o!["data"]).OfType<JsonObject>().ToList();
        var png = data.Select(d => d["image/png"]?.GetValue<string>()).OfType<string>().Single();
        var bytes = Convert.FromBase64String(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 5000, $"a {bytes.Length}-byte PNG is too small to be the chart");
        var svg = string.Concat(data.Select(d => d["image/svg+xml"]).OfType<JsonNode>().Single() switch
        {
            JsonArray lines => lines.Select(l => l!.GetValue<string>()),
            var one => [one.GetValue<string>()],
        });
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Average temperature per region", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(cells, c => c!["source"]?.ToJsonString().Contains('█', StringComparison.Ordinal) == true);
    }

    /// <summary>The tutorials are stored executed (tests/tools/execute-tutorials), so they open on GitHub, nbviewer and
    /// VS Code with their outputs: every code cell ran, none failed, and no output shows a secret or a path of the
    /// machine that ran them.</summary>
    [Fact]
    public void CommittedNotebooks_CarryOutputsButNoErrorsSecretsOrMachinePaths()
    {
        var server = TestServer.Require("totp");
        var files = Directory.GetFiles(Path.Combine(TestServer.RepoRoot, "notebooks")).Where(f => f.EndsWith(".ipynb", StringComparison.Ordinal) || f.EndsWith(".dib", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.EndsWith(".dib", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".ipynb", StringComparison.Ordinal))
            {
                var code = JsonNode.Parse(text)!["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
                foreach (var cell in code)
                {
                    Assert.NotNull(cell!["execution_count"]);
                    Assert.DoesNotContain(cell["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "error");
                }

                Assert.True(code.Count(c => c!["outputs"]!.AsArray().Count > 0) * 2 > code.Count, $"{file}: most code cells show no output");
            }

            foreach (var (env, key, secret) in Secrets(Path.Combine(server.StateDir, "env")))
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains {key} of {Path.GetFileName(env)}");
            }

            foreach (var path in new[] { server.StateDir, TestServer.RepoRoot, "/root", "/tmp/sftpi-" })
            {
                Assert.False(text.Contains(path, StringComparison.Ordinal), $"{file} contains the machine-specific path {path}");
            }
        }
    }

    // Every account's .env, and the key files and known_hosts they point to, into the notebook's folder; the copied
    // .env files name the copies, so nothing the notebook reads lives in the test server's state folder.
    private static void CopyAccountFiles(string stateDir, string workDir)
    {
        foreach (var key in Directory.GetFiles(Path.Combine(stateDir, "keys")))
        {
            File.Copy(key, Path.Combine(Directory.CreateDirectory(Path.Combine(workDir, "keys")).FullName, Path.GetFileName(key)));
        }

        File.Copy(Path.Combine(stateDir, "known_hosts"), Path.Combine(workDir, "known_hosts"));
        foreach (var env in Directory.GetFiles(Path.Combine(stateDir, "env"), "*.env"))
        {
            var text = File.ReadAllText(env).Replace(stateDir + "/", workDir + "/", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(workDir, Path.GetFileName(env)), text);
            if (Path.GetFileName(env) == "password.env")
            {
                File.WriteAllText(Path.Combine(workDir, ".env"), text);
            }
        }
    }

    private static List<(string File, string Key, string Value)> Secrets(string envDir)
    {
        var found = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(envDir, "*.env"))
        {
            foreach (var pair in File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2))
            {
                var value = pair[1].Trim().Trim('"', '\'');
                if (SecretKeys.Contains(pair[0].Trim()) && value.Length > 0)
                {
                    found.Add((file, pair[0].Trim(), value));
                }
            }
        }

        // The test server has a password, a passphrase and a TOTP secret account; finding none would check nothing.
        Assert.Contains(found, s => s.Item2 == "SFTP_PASSWORD");
        Assert.Contains(found, s => s.Item2 == "SFTP_PASSPHRASE");
        Assert.Contains(found, s => s.Item2 == "SFTP_TOTP_SECRET");
        return found;
    }
}
