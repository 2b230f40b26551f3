using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>
/// <c>Ls</c> of a 100,000-entry directory through both hosts, as a user types it: it returns (each host run is bounded
/// by a timeout, so a hang fails instead of blocking), the rendered output stays small and says how many entries it left
/// out, and the host answers the next submission normally.
/// </summary>
[Collection(JupyterProcesses.Name)]
public sealed partial class HugeDirectoryHostTests
{
    // A hang guard, not a timing assertion: listing 100,000 entries takes seconds; anything near this is a hang.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // 500 table rows of about 100 characters: the text stays well under this; all 100,000 rows would be about 10 MB.
    private const int MaxTextChars = 200_000;

    // The HTML table of 500 rows; the core's own test bounds it the same way.
    private const int MaxHtmlChars = 400_000;

    private static readonly string Omitted = $"… {HugeDirectory.Count - DisplayOptions.DefaultMaxRows} more rows ({HugeDirectory.Count} in all)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Repl_LsOf100kEntries_PrintsACappedTableAndStaysUsable()
    {
        var server = TestServer.Require();
        var huge = await EnsureHugeAsync(server);
        using var jupyter = JupyterEnvironment.Create();
        var script = $"Ls(\"{huge}\")\nLs(\"{server.DataRoot}\").Count\n";

        var (code, stdout, stderr) = jupyter.Run(Dotnet, [Sftpi, "--env-file", server.EnvFile("key")], Limit, stdin: script,
            environment: new Dictionary<string, string> { ["SFTPI_HISTORY"] = Path.Combine(jupyter.WorkDir, "history") });

        Assert.True(code == 0, $"sftpi exited {code}: {stderr}");
        Assert.True(stdout.Length < MaxTextChars, $"the REPL printed {stdout.Length} characters for a capped listing");
        var flat = Whitespace().Replace(stdout, " ");
        Assert.Contains($"{HugeDirectory.Count} entries", flat, StringComparison.Ordinal);
        Assert.Contains(Omitted, flat, StringComparison.Ordinal);
        // One row per shown entry (a narrow piped console may wrap the ".csv" onto the next line).
        Assert.Equal(DisplayOptions.DefaultMaxRows, FileName().Count(stdout));
        Assert.Contains("file-000000.cs", stdout, StringComparison.Ordinal);
        Assert.Contains("file-099999.cs", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain($"file-{DisplayOptions.DefaultMaxRows:D6}", stdout, StringComparison.Ordinal);

        // The next submission ran on the same session: /data's entry count is the last line.
        var lastLine = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.True(int.TryParse(lastLine, out var dataCount) && dataCount > 0, $"last line was '{lastLine}'");
    }

    [Fact]
    public async Task Kernel_LsOf100kEntries_SendsACappedDisplayAndStaysUsable()
    {
        var server = TestServer.Require();
        var huge = await EnsureHugeAsync(server);
        using var jupyter = JupyterEnvironment.Create();
        File.Copy(server.EnvFile("key"), Path.Combine(jupyter.WorkDir, ".env"));
        var cells = new JsonArray(
            new JsonObject { ["code"] = "Connect();" },
            new JsonObject { ["code"] = $"Ls(\"{huge}\")" },
            new JsonObject { ["code"] = $"Ls(\"{server.DataRoot}\").Count" });
        var cellsFile = Path.Combine(jupyter.WorkDir, "cells.json");
        var capture = Path.Combine(jupyter.WorkDir, "capture.jsonl");
        File.WriteAllText(cellsFile, cells.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "session", cellsFile, capture, Path.Combine(jupyter.WorkDir, "kernel.log"));

        Assert.True(code == 0, $"the session scenario exited {code}: {stderr}");
        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!;
        Assert.Equal(["ok", "ok", "ok"], result["cells"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()));
        var results = File.ReadAllLines(capture).Select(l => JsonNode.Parse(l)!)
            .Where(m => m["channel"]!.GetValue<string>() == "iopub" && m["msg_type"]!.GetValue<string>() == "execute_result")
            .Select(m => m["content"]!["data"]!).ToList();
        Assert.Equal(2, results.Count);
        var text = results[0]["text/plain"]!.GetValue<string>();
        var html = results[0]["text/html"]!.GetValue<string>();
        Assert.True(text.Length < MaxTextChars, $"text/plain of the listing was {text.Length} characters");
        Assert.True(html.Length < MaxHtmlChars, $"text/html of the listing was {html.Length} characters");
        Assert.Contains($"{HugeDirectory.Count} entries", text, StringComparison.Ordinal);
        Assert.Contains(Omitted, text, StringComparison.Ordinal);
        Assert.Contains(Omitted, html, StringComparison.Ordinal);
        Assert.True(int.Parse(results[1]["text/plain"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string Sftpi => Path.Combine(AppContext.BaseDirectory, "sftpi.dll");

    private static async Task<string> EnsureHugeAsync(TestServer server)
    {
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        return await HugeDirectory.EnsureAsync(s, Ct);
    }

    [GeneratedRegex(@"file-\d{6}\.cs")]
    private static partial Regex FileName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
