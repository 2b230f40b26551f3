using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>JupyterLab's debugger (@jupyterlab/debugger-extension) on our kernel, in Chromium, driven as a user drives
/// it: the bug button, a click in the gutter, the variables panel, Next, Copy Variable to Globals, Continue, then the
/// variable explorer after a cell without a breakpoint.</summary>
[Collection(JupyterLabBrowser.Name)]
public sealed class DebuggerBrowserTests(JupyterLabFixture lab)
{
    [Fact]
    public void Debugger_BreakpointInALoop_ShowsLocalsStepsAndContinues()
    {
        var notebook = lab.WriteNotebook("debugger.ipynb", "var total = 0;\nfor (var i = 0; i < 3; i++)\n{\n    total += i;\n}\ntotal", "var greeting = \"hello \" + total;");

        var result = lab.RunScenario("debugger.js", new { notebook, line = 4, copy = "i", nextCell = 1, nextVariable = "greeting", nextDetail = "string" });

        Assert.Equal("4", result["breakpointLine"]!.GetValue<string>());
        var stopped = Variables(result["stopped"]!);
        Assert.Contains(stopped, v => v.Name == "i" && v.Detail.Contains('0', StringComparison.Ordinal));
        Assert.Contains(stopped, v => v.Name == "total");
        Assert.Equal("Cell", result["callstack"]![0]!.GetValue<string>());
        Assert.True(result["highlighted"]!.GetValue<int>() > 0, "the stopped line is highlighted in the cell");
        Assert.Contains(Variables(result["afterStep"]!), v => v.Name == "i" && v.Detail.Contains('1', StringComparison.Ordinal));
        var outputs = result["outputs"]!.AsArray();
        Assert.Equal("3", outputs.Single(o => o!["kind"]!.GetValue<string>() == "result")!["text"]!.GetValue<string>().Trim());
        Assert.Contains(Variables(result["explorer"]!), v => v.Name == "total" && v.Detail.Contains('3', StringComparison.Ordinal));

        // The variable explorer after a cell with no breakpoint lists its variable (JupyterLab's tree shows the value of
        // an int, the type of anything else), and the loop's i, copied to the globals at the second stop (i == 1) from
        // the Locals' context menu, is a session variable now.
        var next = Variables(result["nextExplorer"]!);
        Assert.Contains(next, v => v.Name == "greeting" && v.Detail.Contains("string", StringComparison.Ordinal));
        Assert.Contains(next, v => v.Name == "i" && v.Detail.Contains('1', StringComparison.Ordinal));
    }

    private static List<(string Name, string Detail)> Variables(JsonNode list) =>
        [.. list.AsArray().Select(v => (v!["name"]!.GetValue<string>(), v["detail"]!.GetValue<string>()))];
}
