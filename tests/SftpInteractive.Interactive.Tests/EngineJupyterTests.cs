using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Interactive.Tests;

/// <summary>End to end inside the real engine: its Jupyter kernel, driven by jupyter_client as a notebook front end
/// drives it, loads our package from a local folder built in this run with <c>#i</c> + <c>#r "nuget:"</c>.</summary>
public sealed class EngineJupyterTests(EngineHarness engine)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    private static string Text(JsonObject result, string cell, string field = "text") => result[cell]![field]!.ToString();

    private static void AssertOk(JsonObject result, string cell) =>
        Assert.True(result[cell]?["status"]?.GetValue<string>() == "ok", $"{cell}: {result[cell]?.ToJsonString() ?? result["failure"]?.ToString()}");

    private static string EngineLogTail(string work)
    {
        var log = Path.Combine(work, "engine.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(15)) : "(none)";
    }

    [Fact]
    public async Task Notebook_InTheRealEngine_PreloadedVerbsProgressPromptsAndInterrupt()
    {
        var server = TestServer.Require("totp");
        engine.Require();
        // The interrupted get goes through a throttling proxy (slow.env): at loopback speed the 64 MiB could finish
        // before the interrupt, sent on its first progress display, reached the engine.
        await using var slow = new FaultProxy(server.Port) { BytesPerSecond = 1 << 20 };
        var work = engine.NotebookFolder(server, slow);
        var password = server.EnvValue("totp", "SFTP_PASSWORD");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");

        var result = engine.Scenario(work, Limit, new Dictionary<string, string> { ["SFTPI_ANSWER_PASSWORD"] = password, ["SFTPI_ANSWER_TOTP_SECRET"] = secret },
            "notebook", engine.PackageFolder, engine.Version, server.LargeFile);
        TestContext.Current.TestOutputHelper?.WriteLine($"engine start-up {result["startup_seconds"]} s");

        AssertOk(result, "load");
        Assert.Contains("SftpInteractive.Interactive loaded", Text(result, "load"), StringComparison.Ordinal);
        AssertOk(result, "connect");
        Assert.Contains("connected", Text(result, "connect"), StringComparison.Ordinal);
        AssertOk(result, "ls");
        Assert.Contains("<table", Text(result, "ls", "html"), StringComparison.Ordinal);
        Assert.Contains("WMR_Spots", Text(result, "ls", "html"), StringComparison.Ordinal);
        AssertOk(result, "find");
        Assert.Contains("wmr1006.csv", Text(result, "find"), StringComparison.Ordinal);

        // Progress: one display_data, then update_display_data with the same display id, the final state 100%.
        AssertOk(result, "get");
        var types = result["get"]!["types"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal("display_data", types[0]);
        Assert.Contains("update_display_data", types);
        Assert.Single(result["get"]!["display_ids"]!.AsArray().Select(i => i!.GetValue<string>()).Distinct());
        Assert.Contains("100%", Text(result, "get"), StringComparison.Ordinal);
        Assert.Equal(64L * 1024 * 1024, new FileInfo(Path.Combine(work, "large-copy.bin")).Length);

        // The TOTP account's prompts, asked through the engine's masked input (Jupyter input_request, password=true).
        AssertOk(result, "totp");
        var prompts = result["totp"]!["prompts"]!.AsArray();
        Assert.Contains("Password:", prompts[0]!["prompt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(prompts.Skip(1), p => Assert.Contains("Verification code:", p!["prompt"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(prompts, p => Assert.True(p!["password"]!.GetValue<bool>()));
        Assert.Contains(server.EnvValue("totp", "SFTP_USERNAME"), Text(result, "totp"), StringComparison.Ordinal);
        AssertOk(result, "help");
        Assert.Contains("SearchAndDownload(", Text(result, "help"), StringComparison.Ordinal);

        // A Jupyter interrupt on the first progress display, three times in a row: each cell is cancelled and ends
        // (an interrupt racing the cell's own end once left the engine idle with no execute_reply), the partial file
        // keeps its .part name, and the kernel (with its state) is still there.
        Assert.True(result["interrupt_sent"]?.GetValue<bool>() == true,
            $"{result["failure"]?.ToString() ?? "no interrupt was sent"}; outputs: {result["interrupt_outputs"]?.ToJsonString()}; engine log: {EngineLogTail(work)}");
        var runs = result["interrupted_runs"]!.AsArray();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, run => Assert.Equal("error", run!["status"]!.GetValue<string>()));
        Assert.False(File.Exists(Path.Combine(work, "interrupted.bin")), "an interrupted download left a file under its final name");
        AssertOk(result, "after_interrupt");
        Assert.Contains("2", Text(result, "after_interrupt", "html"), StringComparison.Ordinal);
        Assert.True(result["alive"]!.GetValue<bool>());

        var everything = result.ToJsonString() + File.ReadAllText(Path.Combine(work, "engine.log"));
        Assert.DoesNotContain(password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), everything, StringComparison.Ordinal);
    }
}
