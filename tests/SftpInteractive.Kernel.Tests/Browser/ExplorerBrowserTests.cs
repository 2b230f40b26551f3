using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary><c>Explore()</c> in the real JupyterLab 4 in Chromium, against the real test server through a proxy that
/// slows downloads to 2 MB/s (so Cancel meets a running download).</summary>
[Collection(JupyterLabBrowser.Name)]
public sealed class ExplorerBrowserTests(JupyterLabFixture lab)
{
    [Fact]
    public async Task Explore_BrowsesData_PreviewsACsv_DownloadShowsProgress_CancelStopsIt_UploadFromTheBrowser()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 2 << 20 };
        var notebook = lab.WriteNotebook("explore.ipynb", "Connect();", $"var x = Explore(\"{server.DataRoot}\", \"./dl\");\nx", "");
        File.WriteAllLines(Path.Combine(lab.NotebookDir, ".env"), server.EnvViaProxy(proxy.Port));

        var result = lab.RunScenario("explorer.js", new { notebook, root = server.DataRoot });

        Assert.Contains(result["entries"]!.AsArray(), e => e!.GetValue<string>().StartsWith("README.txt", StringComparison.Ordinal));
        Assert.Equal(server.DataRoot + "/WMR_Spots", result["afterOpen"]!.GetValue<string>());
        Assert.StartsWith("wmr", result["csv"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("timestamp", result["previewHeader"]!.GetValue<string>());
        Assert.NotEqual("0%", result["progressWidth"]!.GetValue<string>());
        Assert.Equal("Cancelled.", result["statusAfterCancel"]!.GetValue<string>());
        Assert.Equal($"False {server.DataRoot}/large", result["session"]!.GetValue<string>());
        var folder = result["uploadFolder"]!.GetValue<string>();
        Assert.Equal($"Uploaded hello.txt to {folder}.", result["statusAfterUpload"]!.GetValue<string>());
        Assert.Equal("hello from the browser", result["uploaded"]!.GetValue<string>());
    }
}
