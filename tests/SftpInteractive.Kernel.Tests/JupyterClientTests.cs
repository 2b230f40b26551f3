using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The kernel process driven by real Jupyter clients: jupyter_client, nbclient, jupyter console, jupyter
/// kernelspec.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class JupyterClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static JsonObject Scenario(JupyterEnvironment jupyter, params string[] args)
    {
        var (code, stdout, stderr) = jupyter.Scenario(Limit, args);
        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"scenario {args[0]} exited {code}: {stderr}");
        var json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonNode.Parse(json)!.AsObject();
    }

    [Fact]
    public void KernelspecList_ShowsTheInstalledKernel()
    {
        using var jupyter = JupyterEnvironment.Create();

        // `jupyter kernelspec list` itself where Debian's jupyter-client package provides the subcommand.
        var (code, stdout, stderr) = File.Exists("/usr/bin/jupyter-kernelspec")
            ? jupyter.Run("/usr/bin/jupyter", ["kernelspec", "list"], Limit)
            : jupyter.Run(JupyterEnvironment.Python, ["-m", "jupyter_client.kernelspecapp", "list"], Limit);

        Assert.True(code == 0, stderr);
        Assert.Matches(@"sftpinteractive\s+\S*prefix/share/jupyter/kernels/sftpinteractive", stdout);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(jupyter.Root, "prefix", "share", "jupyter", "kernels", "sftpinteractive", "kernel.json")))!;
        Assert.Equal("{connection_file}", spec["argv"]!.AsArray().Last()!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
    }

    [Fact]
    public void SftpiKernelInstall_User_WritesIntoJupyterDataDirAndRefusesTwoTargets()
    {
        using var jupyter = JupyterEnvironment.Create();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var sftpi = Path.Combine(AppContext.BaseDirectory, "sftpi.dll");

        var (code, stdout, stderr) = jupyter.Run(dotnet, [sftpi, "kernel", "install", "--user"], Limit);
        var (twoCode, _, twoErr) = jupyter.Run(dotnet, [sftpi, "kernel", "install", "--user", "--prefix", jupyter.Root], Limit);

        Assert.True(code == 0, stderr);
        Assert.Contains("C# (SftpInteractive)", stdout, StringComparison.Ordinal);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(jupyter.Root, "data", "kernels", "sftpinteractive", "kernel.json")))!;
        Assert.Equal(["kernel", "run", "{connection_file}"], spec["argv"]!.AsArray().TakeLast(3).Select(a => a!.GetValue<string>()));
        Assert.Equal(2, twoCode);
        Assert.Contains("one of", twoErr, StringComparison.Ordinal);
    }

    /// <summary>A notebook saved by Polyglot names the kernelspec '.net-csharp': installed under that name, ours runs it
    /// without anyone choosing a kernel (nbclient takes the name from the notebook), and a bad name is refused.</summary>
    [Fact]
    public void SftpiKernelInstall_NamePolyglot_NotebookSavedByPolyglotRunsOnOurKernel()
    {
        using var jupyter = JupyterEnvironment.Create("nbclient");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var sftpi = Path.Combine(AppContext.BaseDirectory, "sftpi.dll");
        var prefix = Path.Combine(jupyter.Root, "prefix");
        var notebook = Path.Combine(jupyter.WorkDir, "polyglot.ipynb");
        var saved = JsonNode.Parse(Notebooks.Build("AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == \"SftpInteractive.Kernel\")"))!;
        saved["metadata"]!["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" };
        saved["metadata"]!["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" };
        File.WriteAllText(notebook, saved.ToJsonString());

        var (code, stdout, stderr) = jupyter.Run(dotnet, [sftpi, "kernel", "install", "--prefix", prefix, "--name", ".net-csharp"], Limit);
        var (badCode, _, badErr) = jupyter.Run(dotnet, [sftpi, "kernel", "install", "--prefix", prefix, "--name", "c sharp"], Limit);
        var run = jupyter.Run(JupyterEnvironment.Python, ["-c", """
            import sys, nbformat
            from nbclient import NotebookClient
            nb = nbformat.read(sys.argv[1], as_version=4)
            client = NotebookClient(nb, timeout=120, startup_timeout=120)
            client.execute()
            print(client.kernel_name)
            print(nb.cells[0].outputs[0]["data"]["text/plain"])
            """, notebook], Limit);

        Assert.True(code == 0, stderr);
        Assert.Contains("'.net-csharp' (C# (SftpInteractive, standing in for .NET Interactive))", stdout, StringComparison.Ordinal);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", ".net-csharp", "kernel.json")))!;
        Assert.Equal(sftpi, spec["argv"]!.AsArray()[1]!.GetValue<string>());
        Assert.Equal(2, badCode);
        Assert.Contains("' '", badErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", "c sharp")));
        Assert.True(run.ExitCode == 0, run.StdErr);
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(".net-csharp", lines[0].Trim());
        Assert.Equal("true", lines[1].Trim());
    }

    [Fact]
    public void Interrupt_CellIgnoringToken_EndsPromptlyAsCancelledAndKernelStaysUsable()
    {
        using var jupyter = JupyterEnvironment.Create();

        var result = Scenario(jupyter, "interrupt", "await Task.Delay(60000);");

        Assert.Equal("error", result["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", result["ename"]!.GetValue<string>());
        Assert.True(result["seconds_to_reply"]!.GetValue<double>() < 5, result.ToJsonString());
        Assert.Equal("ok", result["after_status"]!.GetValue<string>());
        Assert.Contains("\"text/plain\":\"2\"", result["after_outputs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(result["alive"]!.GetValue<bool>());
    }

    [Fact]
    public void Interrupt_RemoteCommandOnTheTestServer_StopsItAndKernelStaysUsable()
    {
        var server = TestServer.Require();
        using var jupyter = JupyterEnvironment.Create();
        File.Copy(server.EnvFile("password"), Path.Combine(jupyter.WorkDir, ".env"));

        var result = Scenario(jupyter, "interrupt", "Connect();", "Run(\"sleep 60\")");

        Assert.Equal("ok", result["setup"]!.GetValue<string>());
        Assert.Equal("error", result["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", result["ename"]!.GetValue<string>());
        Assert.True(result["seconds_to_reply"]!.GetValue<double>() < 5, result.ToJsonString());
        Assert.Equal("ok", result["after_status"]!.GetValue<string>());
    }

    [Fact]
    public void Transfer_InACell_ShowsProgressThenUpdatesItInPlace()
    {
        var server = TestServer.Require();
        using var jupyter = JupyterEnvironment.Create();
        File.Copy(server.EnvFile("password"), Path.Combine(jupyter.WorkDir, ".env"));
        var medium = RemotePath.Combine(server.DataRoot, "large/medium.bin");
        var target = Path.Combine(jupyter.WorkDir, "medium.bin");

        var result = Scenario(jupyter, "transfer", "Connect();", $"Get(\"{medium}\", \"{target}\");");

        Assert.Equal("ok", result["setup"]!.GetValue<string>());
        Assert.Equal("ok", result["status"]!.GetValue<string>());
        Assert.Equal(8L << 20, new FileInfo(target).Length);
        var outputs = result["outputs"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var shown = outputs.FindIndex(o => o["type"]!.GetValue<string>() == "display_data" && o["display_id"] is not null);
        Assert.True(shown >= 0, result.ToJsonString());
        var id = outputs[shown]["display_id"]!.GetValue<string>();
        Assert.Contains("medium.bin", outputs[shown]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var updates = outputs.Skip(shown + 1).Where(o => o["type"]!.GetValue<string>() == "update_display_data").ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(id, u["display_id"]!.GetValue<string>()));
        Assert.DoesNotContain(outputs.Take(shown), o => o["type"]!.GetValue<string>() == "update_display_data");
    }

    [Fact]
    public void LogDebug_ThenConnect_ShowsTheConnectionLogOnStderrWithoutThePassword()
    {
        var server = TestServer.Require();
        using var jupyter = JupyterEnvironment.Create();
        File.Copy(server.EnvFile("password"), Path.Combine(jupyter.WorkDir, ".env"));

        var result = Scenario(jupyter, "transfer", "#log debug", "Connect();");

        Assert.Equal("ok", result["setup"]!.GetValue<string>());
        Assert.Equal("ok", result["status"]!.GetValue<string>());
        var stderr = string.Concat(result["outputs"]!.AsArray().Select(o => o!.AsObject())
            .Where(o => o["type"]!.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stderr")
            .Select(o => o["text"]!.GetValue<string>()));
        Assert.Contains("info: sftpi: kex: ", stderr, StringComparison.Ordinal);
        Assert.Contains("info: sftpi: authentication methods to try: password", stderr, StringComparison.Ordinal);
        Assert.Contains("SSH_MSG_USERAUTH_SUCCESS", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), result.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupt_LargeDownload_EndsPromptlyAsCancelledLeavesNoFileAndKernelStaysUsable()
    {
        // Through a throttling proxy the 64 MiB download needs well over a minute, so the interrupt always lands
        // mid-transfer; the proxy's port is not the one known_hosts names, so the host key is pinned instead.
        var server = TestServer.Require("password");
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 512 * 1024 };
        using var jupyter = JupyterEnvironment.Create();
        File.WriteAllLines(Path.Combine(jupyter.WorkDir, ".env"), server.EnvViaProxy(proxy.Port));
        var target = Path.Combine(jupyter.WorkDir, "big.bin");

        var result = Scenario(jupyter, "transfer", "Connect();", $"Get(\"{server.LargeFile}\", \"{target}\");", "2");

        Assert.Equal("ok", result["setup"]!.GetValue<string>());
        Assert.True(result["interrupted"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal("error", result["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", result["ename"]!.GetValue<string>());
        Assert.True(result["seconds_to_reply"]!.GetValue<double>() < 10, result.ToJsonString());
        Assert.False(File.Exists(target), "a cancelled download must not leave a file under the final name");
        var part = target + ".part";
        Assert.True(!File.Exists(part) || new FileInfo(part).Length < long.Parse(server.Facts["SFTPI_TEST_LARGE_FILE_SIZE"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ok", result["after_status"]!.GetValue<string>());
        Assert.Contains("\"text/plain\":\"2\"", result["after_outputs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(result["alive"]!.GetValue<bool>());
    }

    [Fact]
    public void RestartKernel_ThroughJupyterClient_NewKernelRunsCellsWithFreshState()
    {
        using var jupyter = JupyterEnvironment.Create();

        var result = Scenario(jupyter, "restart");

        Assert.Equal("ok", result["before"]!.GetValue<string>());
        Assert.True(result["new_process"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(0, result["old_exit_code"]!.GetValue<int>());
        Assert.Equal("ok", result["after_status"]!.GetValue<string>());
        Assert.Contains("\"text/plain\":\"42\"", result["after_outputs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("error", result["forgotten_status"]!.GetValue<string>());
        Assert.Contains("kept", result["forgotten_evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result["alive"]!.GetValue<bool>());
    }

    [Fact]
    public void PasswordAndOtpPrompts_WithAllowStdin_UseMaskedInputRequests()
    {
        var server = TestServer.Require("totp");
        using var jupyter = JupyterEnvironment.Create();

        // The notebook's .env has no password and no TOTP secret: the server's "Password: " and "Verification code: "
        // prompts must reach the user as masked input_request messages.
        var lines = File.ReadAllLines(server.EnvFile("totp")).Where(l => !l.StartsWith("SFTP_PASSWORD=") && !l.StartsWith("SFTP_TOTP_SECRET="));
        File.WriteAllLines(Path.Combine(jupyter.WorkDir, ".env"), lines);
        var password = server.EnvValue("totp", "SFTP_PASSWORD");
        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python, [Path.Combine(JupyterEnvironment.ScriptsDir, "kernel_scenarios.py"), "prompt", "Connect();"],
            Limit, environment: new Dictionary<string, string>
            {
                ["SFTPI_ANSWER_PASSWORD"] = password,
                ["SFTPI_ANSWER_TOTP_SECRET"] = server.EnvValue("totp", "SFTP_TOTP_SECRET"),
            });

        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!;
        Assert.Equal("ok", result["status"]!.GetValue<string>());
        var prompts = result["prompts"]!.AsArray();
        Assert.Equal(["Password: ", "Verification code: "], prompts.Select(p => p!["prompt"]!.GetValue<string>()));
        Assert.All(prompts, p => Assert.True(p!["password"]!.GetValue<bool>() && p["parent_ok"]!.GetValue<bool>()));
        Assert.False(result["password_leaked"]!.GetValue<bool>());

        // Without stdin (nbclient, papermill) the helper says which .env key to set.
        Assert.Equal("error", result["no_stdin_status"]!.GetValue<string>());
        Assert.Contains("SFTP_PASSWORD", result["no_stdin_evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteAndInspect_WhileACellRuns_Answer()
    {
        using var jupyter = JupyterEnvironment.Create();

        var result = Scenario(jupyter, "complete-while-running");

        Assert.True(result["cell_still_running_when_answered"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Contains("WriteLine", result["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(result["inspect_found"]!.GetValue<bool>());
        Assert.Equal("ok", result["execute_status"]!.GetValue<string>());
    }

    [Fact]
    public void JupyterConsole_PipedCells_PrintsResultsAndOutput()
    {
        using var jupyter = JupyterEnvironment.Create();
        if (!File.Exists("/usr/bin/jupyter-console"))
        {
            Assert.Skip("jupyter-console is not installed (apt-get install jupyter-console).");
        }

        var (code, stdout, stderr) = jupyter.Run("/usr/bin/jupyter-console", ["--kernel", "sftpinteractive", "--simple-prompt"], Limit,
            stdin: "6*7\nConsole.WriteLine(\"hello, console\");\n");

        Assert.True(code == 0, stderr);
        Assert.Contains("Out[1]: 42", stdout, StringComparison.Ordinal);
        Assert.Contains("hello, console", stdout, StringComparison.Ordinal);
        Assert.Contains("SftpInteractive", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Nbclient_NotebookAgainstTheTestServer_RunsEndToEnd()
    {
        var server = TestServer.Require();
        using var jupyter = JupyterEnvironment.Create("nbclient");
        File.Copy(server.EnvFile("password"), Path.Combine(jupyter.WorkDir, ".env"));
        var input = Path.Combine(jupyter.WorkDir, "explore.ipynb");
        var output = Path.Combine(jupyter.WorkDir, "explore.out.ipynb");
        File.WriteAllText(input, Notebooks.Build(
            "Connect();",
            $"Ls(\"{server.DataRoot}\")",
            "Run(\"echo hi\")",
            "Console.WriteLine(\"done\");"));

        var result = Scenario(jupyter, "notebook", input, output);

        Assert.Equal(4, result["cells"]!.GetValue<int>());
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        var listing = Assert.Single(cells[1]!["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "execute_result")!;
        Assert.Contains("WMR_Spots", Notebooks.Text(listing["data"]!["text/plain"]!), StringComparison.Ordinal);
        Assert.Contains("<table", Notebooks.Text(listing["data"]!["text/html"]!), StringComparison.Ordinal);
        Assert.Contains("hi", cells[2]!["outputs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("done", cells[3]!["outputs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), File.ReadAllText(output), StringComparison.Ordinal);
    }
}
