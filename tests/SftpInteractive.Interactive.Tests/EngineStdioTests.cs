using System.Text.Json.Nodes;
using SftpInteractive.Testing;

namespace SftpInteractive.Interactive.Tests;

/// <summary>The engine's stdio mode — the JSON protocol Polyglot Notebooks speaks to it: SubmitCode command envelopes
/// in, event envelopes out; Polyglot's stop button is a Cancel envelope.</summary>
public sealed class EngineStdioTests(EngineHarness engine)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    private static void AssertOk(JsonObject result, string cell) =>
        Assert.True(result[cell]?["status"]?.GetValue<string>() == "ok", $"{cell}: {result[cell]?.ToJsonString() ?? result["failure"]?.ToString()}");

    [Fact]
    public async Task Stdio_SubmitCode_ReturnsFormattedValuesAndCancelStopsATransfer()
    {
        var server = TestServer.Require("password");
        engine.Require();
        // Connected through a throttling proxy (slow.env), so the Cancel sent on the get's first progress display
        // always lands mid-transfer.
        await using var slow = new FaultProxy(server.Port) { BytesPerSecond = 1 << 20 };
        var work = engine.NotebookFolder(server, slow);

        var result = engine.Scenario(work, Limit, null, "stdio", engine.PackageFolder, engine.Version, server.LargeFile);

        AssertOk(result, "load");
        AssertOk(result, "connect");
        Assert.Contains("connected", result["connect"]!["html"]!.ToString(), StringComparison.Ordinal);
        AssertOk(result, "ls");
        Assert.Contains("ReturnValueProduced", result["ls"]!["types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("<table", result["ls"]!["html"]!.ToString(), StringComparison.Ordinal);

        Assert.True(result["cancel_sent"]?.GetValue<bool>() == true, result["failure"]?.ToString() ?? "no Cancel was sent");
        Assert.Equal("error", result["cancelled"]!["status"]!.GetValue<string>());
        Assert.Contains("cancel", result["cancelled"]!["message"]!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(work, "stopped.bin")), "a cancelled download left a file under its final name");
        AssertOk(result, "after_cancel");
        Assert.Contains("2", result["after_cancel"]!["html"]!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), result.ToJsonString(), StringComparison.Ordinal);
    }
}
