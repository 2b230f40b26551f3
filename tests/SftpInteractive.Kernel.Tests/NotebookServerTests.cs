using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The kernel behind the classic Jupyter Notebook server, driven as the browser drives it: REST calls to
/// create, interrupt, restart and delete the kernel, JSON messages over the kernel's websocket channels. JupyterLab
/// speaks the same server protocol.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class NotebookServerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public void NotebookServer_BrowserStyleSession_ExecutesInterruptsRestartsAndDeletesTheKernel()
    {
        using var jupyter = JupyterEnvironment.Create("notebook.notebookapp", "tornado.websocket");

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "notebook-server");

        TestContext.Current.TestOutputHelper?.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"scenario notebook-server exited {code}: {stderr}");
        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!.AsObject();
        Assert.Equal(201, result["create_code"]!.GetValue<int>());
        Assert.Equal("sftpinteractive", result["kernel_name"]!.GetValue<string>());
        Assert.Equal("ok", result["kernel_info"]!["status"]!.GetValue<string>());
        Assert.Equal("csharp", result["kernel_info"]!["language"]!.GetValue<string>());

        var cells = result["cells"]!;
        Assert.Equal("ok", cells["answer"]!["status"]!.GetValue<string>());
        Assert.Contains(Outputs(cells["answer"]!["outputs"]!), o => o.Type == "execute_result" && o.Text == "42");
        Assert.Equal("ok", cells["hello"]!["status"]!.GetValue<string>());
        Assert.Contains(Outputs(cells["hello"]!["outputs"]!), o => o.Type == "stream" && o.Text == "hello\n");
        Assert.Equal("error", cells["failing"]!["status"]!.GetValue<string>());
        Assert.Equal("shell", cells["failing"]!["reply_channel"]!.GetValue<string>());
        Assert.Contains("boom", cells["failing"]!["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Outputs(cells["failing"]!["outputs"]!), o => o.Type == "error");

        Assert.Equal("ok", result["complete"]!["status"]!.GetValue<string>());
        Assert.Contains("WriteLine", result["complete"]!["matches"]!.AsArray().Select(m => m!.GetValue<string>()));

        var interrupt = result["interrupt"]!;
        Assert.Equal(204, interrupt["rest_code"]!.GetValue<int>());
        Assert.Equal("error", interrupt["status"]!.GetValue<string>());
        Assert.Equal("Cancelled", interrupt["ename"]!.GetValue<string>());
        Assert.Contains(Outputs(interrupt["after_outputs"]!), o => o.Type == "execute_result" && o.Text == "2");

        var restart = result["restart"]!;
        Assert.Equal(200, restart["rest_code"]!.GetValue<int>());
        Assert.True(restart["same_id"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal("ok", restart["status"]!.GetValue<string>());
        Assert.Contains(Outputs(restart["outputs"]!), o => o.Type == "execute_result" && o.Text == "42");
        Assert.Equal("error", restart["forgotten_status"]!.GetValue<string>());
        Assert.Contains("kept", restart["forgotten_evalue"]!.GetValue<string>(), StringComparison.Ordinal);

        var delete = result["delete"]!;
        Assert.Equal(204, delete["rest_code"]!.GetValue<int>());
        Assert.False(delete["listed"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(404, delete["get_code"]!.GetValue<int>());
    }

    private static List<(string Type, string? Text)> Outputs(JsonNode outputs) =>
        outputs.AsArray()
            .Select(o => (o!["type"]!.GetValue<string>(), o["text"]?.GetValue<string>()))
            .ToList();
}
