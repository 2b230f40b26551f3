using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>
/// Whole sessions through both hosts against the test server — password, passphrase-protected key, key and password,
/// password + TOTP (from .env and typed at input_request), failing logins of every kind, exceptions — and nothing a
/// user or a log could see contains a password, a passphrase, a TOTP secret (nor their base64 or hex) or a current TOTP
/// code: the REPL transcript and history, every kernel message on shell, iopub, stdin and control, the kernel's own
/// stdout and stderr, and a notebook's saved outputs. Exception texts are printed whole (ToString) by the sessions.
/// </summary>
[Collection(JupyterProcesses.Name)]
public sealed class WholeSessionSecretsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // What the user does in every host: connect with each kind of credential, look at the connection and settings,
    // browse, run a command, then print the full text of every failure the helper raises.
    private static readonly string[] SessionCells =
    [
        "Explain()",
        "Console.WriteLine(Session.Settings);",
        "string.Join(\"\\n\", Session.Settings.Describe())",
        "Ls(\"/data\")",
        "Run(\"echo hi\")",
        "Connect(new SftpOptions { EnvFile = \"key-passphrase.env\" });",
        "Explain()",
        "Connect(new SftpOptions { EnvFile = \"keypass.env\" });",
        "Explain()",
        "Connect(new SftpOptions { EnvFile = \"totp.env\" });",
        "Explain()",
        "Run(\"id -un\")",
        $$"""
        foreach (var f in new[] { {{string.Join(", ", SecretEvidence.FailingEnvFiles.Select(f => $"\"{f}\""))}} })
        {
            try { Connect(new SftpOptions { EnvFile = f }); }
            catch (Exception e) { Console.WriteLine($"== {f}: {e.GetType().Name}\n{e}"); }
        }
        """,
        """
        foreach (var (what, act) in new (string, Action)[] { ("missing", () => Ls("/no/such/dir")), ("denied", () => Ls("/root")),
            ("command", () => Run("exit 3").EnsureSuccess()), ("transfer", () => Get("/data/WMR_Spots", "out")),
            ("missing file", () => Get("/no/such/file.csv", "out.csv")) })
        {
            try { act(); }
            catch (Exception e) { Console.WriteLine($"== {what}: {e.GetType().Name}\n{e}"); }
        }
        """,
    ];

    // Every type of the helper's exception family.
    private static readonly string[] ExpectedExceptions =
    [
        "SftpAuthenticationException", "SftpConnectionException", "SftpHostKeyException", "SftpConfigException", "SftpPathNotFoundException",
        "SftpPermissionDeniedException", "SftpCommandException", "SftpTransferException",
    ];

    [Fact]
    public void Repl_PipedSessionWithFailures_TranscriptAndHistoryHoldNoSecret()
    {
        var server = TestServer.Require("totp");
        using var jupyter = JupyterEnvironment.Create();
        var evidence = SecretEvidence.Prepare(server, jupyter.WorkDir);
        var history = Path.Combine(jupyter.WorkDir, "history");
        var script = string.Join("\n", SessionCells.Append("Connect(new SftpOptions { EnvFile = \"wrong-password.env\" });")) + "\n";

        var (code, stdout, stderr) = jupyter.Run(Dotnet, [Sftpi, "--env-file", ".env"], Limit, stdin: script,
            environment: new Dictionary<string, string> { ["SFTPI_HISTORY"] = history });

        evidence.Collect("repl stdout", stdout);
        evidence.Collect("repl stderr", stderr);
        evidence.Collect("repl history", File.Exists(history) ? File.ReadAllText(history) : "");
        Assert.True(code == 1, $"the script should stop at the failing login (exit 1), exited {code}:\n{Redactor.Redact(stderr)}");
        AssertSessionRan(evidence.Text("repl"));
        Assert.Contains("Authentication failed", stderr, StringComparison.Ordinal);
        AssertNoLeaks(evidence.Leaks());
    }

    [Fact]
    public void Kernel_WholeSessionWithPromptsAndFailures_NoMessageOrLogHoldsASecret()
    {
        var server = TestServer.Require("totp");
        using var jupyter = JupyterEnvironment.Create();
        var evidence = SecretEvidence.Prepare(server, jupyter.WorkDir);
        var cells = new JsonArray([.. SessionCells.Prepend("Connect();").Select(c => (JsonNode)new JsonObject { ["code"] = c, ["allow_stdin"] = false })]);
        cells.Add(new JsonObject { ["code"] = "Connect(new SftpOptions { EnvFile = \"totp-prompt.env\" }); Run(\"id -un\")", ["allow_stdin"] = true });
        cells.Add(new JsonObject { ["code"] = "Explain()", ["allow_stdin"] = false });
        cells.Add(new JsonObject { ["code"] = "Connect(new SftpOptions { EnvFile = \"wrong-password.env\" });", ["allow_stdin"] = false });
        cells.Add(new JsonObject { ["code"] = "Connect(new SftpOptions { EnvFile = \"wrong-totp.env\" });", ["allow_stdin"] = false });
        cells.Add(new JsonObject { ["code"] = "throw new InvalidOperationException(\"deliberate failure\");", ["allow_stdin"] = false });
        var cellsFile = Path.Combine(jupyter.WorkDir, "cells.json");
        var capture = Path.Combine(jupyter.WorkDir, "capture.jsonl");
        var log = Path.Combine(jupyter.WorkDir, "kernel.log");
        File.WriteAllText(cellsFile, cells.ToJsonString());

        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python, [Path.Combine(JupyterEnvironment.ScriptsDir, "kernel_scenarios.py"), "session", cellsFile, capture, log],
            Limit, environment: new Dictionary<string, string>
            {
                ["SFTPI_ANSWER_PASSWORD"] = server.EnvValue("totp", "SFTP_PASSWORD"),
                ["SFTPI_ANSWER_TOTP_SECRET"] = server.EnvValue("totp", "SFTP_TOTP_SECRET"),
            });

        evidence.Collect("client stdout", stdout);
        evidence.Collect("client stderr", stderr);
        evidence.Collect("kernel log", File.Exists(log) ? File.ReadAllText(log) : "");
        Assert.True(code == 0, $"the session scenario exited {code}:\n{Redactor.Redact(stderr)}");
        var messages = File.ReadAllLines(capture).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var message in messages)
        {
            var channel = message["channel"]!.GetValue<string>();
            evidence.CollectJson($"message {channel} {message["msg_type"]} content", message["content"]);
            evidence.CollectJson($"message {channel} {message["msg_type"]} metadata", message["metadata"]);
            evidence.CollectJson($"header {channel} {message["msg_type"]}", message["header"]);
        }

        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!;
        var statuses = result["cells"]!.AsArray().Select(c => c!["status"]?.GetValue<string>()).ToList();
        Assert.Equal([.. Enumerable.Repeat("ok", SessionCells.Length + 3), "error", "error", "error"], statuses);
        Assert.Equal(4, messages.Select(m => m["channel"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(messages, m => m["msg_type"]!.GetValue<string>() == "input_request");
        Assert.NotEmpty(result["totp_codes"]!.AsArray()); // a code was typed, so its absence below means something
        AssertSessionRan(evidence.Text("message"));
        Assert.Contains("sftpi-totp", evidence.Text("message iopub"), StringComparison.Ordinal);

        // Codes are six digits: look for them in what a user reads, not in ids and dates of headers, nor in the client's
        // summary (it lists the codes it typed; every kernel message it saw is checked above).
        AssertNoLeaks(evidence.Leaks(source => !source.StartsWith("header", StringComparison.Ordinal) && source != "client stdout"));
    }

    [Fact]
    public void Notebook_ConnectExplainSettingsAndAuthError_SavedOutputsHoldNoSecret()
    {
        var server = TestServer.Require("totp");
        using var jupyter = JupyterEnvironment.Create("nbclient");
        var evidence = SecretEvidence.Prepare(server, jupyter.WorkDir);
        var input = Path.Combine(jupyter.WorkDir, "secrets.ipynb");
        var output = Path.Combine(jupyter.WorkDir, "secrets.out.ipynb");
        var notebook = JsonNode.Parse(Notebooks.Build(
            "Connect();",
            "Explain()",
            "Console.WriteLine(Session.Settings);",
            "Connect(new SftpOptions { EnvFile = \"totp.env\" }); Explain()",
            "Connect(new SftpOptions { EnvFile = \"key-passphrase.env\" }); Session",
            "Connect(new SftpOptions { EnvFile = \"wrong-password.env\" });"))!;
        notebook["cells"]![5]!["metadata"] = new JsonObject { ["tags"] = new JsonArray("raises-exception") }; // nbclient goes on
        File.WriteAllText(input, notebook.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "notebook", input, output);

        evidence.Collect("nbclient stdout and kernel stdout", stdout);
        evidence.Collect("nbclient stderr and kernel stderr", stderr);
        Assert.True(code == 0, $"nbclient exited {code}:\n{Redactor.Redact(stderr)}");
        var saved = JsonNode.Parse(File.ReadAllText(output))!;
        evidence.CollectJson("notebook", saved);
        evidence.Collect("notebook file", File.ReadAllText(output));
        var error = Assert.Single(saved["cells"]![5]!["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "error")!;
        Assert.Equal("AuthenticationFailed", error["ename"]!.GetValue<string>());
        Assert.Contains(Redactor.Mask, evidence.Text("notebook"), StringComparison.Ordinal); // Explain shows the password masked
        Assert.Contains("sftpi-totp", evidence.Text("notebook"), StringComparison.Ordinal);
        AssertNoLeaks(evidence.Leaks());
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string Sftpi => Path.Combine(AppContext.BaseDirectory, "sftpi.dll");

    // The session did what it says, so finding no secret means something.
    private static void AssertSessionRan(string text)
    {
        Assert.Contains("WMR_Spots", text, StringComparison.Ordinal);
        Assert.Contains("sftpi-pass", text, StringComparison.Ordinal);
        Assert.Contains("sftpi-keypass", text, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, text, StringComparison.Ordinal);
        Assert.All(ExpectedExceptions, name => Assert.Contains(name, text, StringComparison.Ordinal));
        Assert.All(SecretEvidence.FailingEnvFiles, file => Assert.Contains("== " + file, text, StringComparison.Ordinal));
    }

    private static void AssertNoLeaks(IReadOnlyList<string> leaks) =>
        Assert.True(leaks.Count == 0, "secrets leaked (by name; values are not shown):\n" + string.Join("\n", leaks));
}
