using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests.Widgets;

/// <summary><c>Explore()</c> in the real kernel against the real test server, driven through jupyter_client as a widget
/// front end drives it. The connection goes through a proxy that slows downloads to 2 MB/s, so the large download is
/// still running when its progress bar has moved and Cancel is clicked.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class ExplorerKernelTests
{
    [Fact]
    public async Task Explore_BrowsesPreviewsFindsDownloadsAndCancels()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 2 << 20 };
        using var jupyter = JupyterEnvironment.Create();
        File.WriteAllLines(Path.Combine(jupyter.WorkDir, ".env"), server.EnvViaProxy(proxy.Port));

        var (code, stdout, stderr) = jupyter.Run(JupyterEnvironment.Python,
            [Path.Combine(JupyterEnvironment.ScriptsDir, "widget_scenarios.py"), "explorer", server.DataRoot], TimeSpan.FromMinutes(5));
        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"widget_scenarios.py explorer exited {code}: {stderr}");
        var r = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!.AsObject();

        // Shown as a widget, with the folder's table and the reason beside it for front ends without widgets.
        var display = r["display"]!;
        Assert.Equal(["application/vnd.jupyter.widget-view+json", "text/html", "text/plain"], display["mime"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.StartsWith("Explore needs a front end with Jupyter widgets", display["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("README.txt", display["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<table", display["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(r["entries_at_start"]!.AsArray(), e => e!.GetValue<string>().StartsWith("README.txt  —  file, 211 B, modified 2024-01-01", StringComparison.Ordinal));

        // Selecting a folder opens it; the path bar follows.
        Assert.Equal(server.DataRoot + "/WMR_Spots", r["after_open"]!.GetValue<string>());
        Assert.Contains(server.DataRoot + "/WMR_Spots", r["path_bar_updates"]!.AsArray().Select(v => v!.GetValue<string>()));

        // A CSV previews as a table, without a download.
        Assert.Contains("<table", r["preview"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("timestamp", r["preview"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(".csv", r["selected"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("false", r["downloaded_by_preview"]!.GetValue<string>());

        // A binary file gets a note, not noise.
        Assert.Contains("looks binary: no preview", r["binary_preview"]!.GetValue<string>(), StringComparison.Ordinal);

        // Find's matches stream in.
        Assert.StartsWith("500 matches for *.csv", r["find_status"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(r["matches_updates"]!.GetValue<int>() >= 2, r.ToJsonString());

        // Download arrives whole; a cancelled download leaves nothing under the final name.
        Assert.Equal("211", r["downloaded"]!.GetValue<string>());
        Assert.NotEmpty(r["live_progress"]!.AsArray());
        Assert.Equal("Cancelled.", r["cancel_status"]!.GetValue<string>());
        Assert.Equal("false", r["after_cancel"]!.GetValue<string>());
        Assert.Equal("true", r["progress_after_cancel"]!.GetValue<string>());
    }
}
