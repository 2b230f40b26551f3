using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>Our kernel in the real JupyterLab 4 front end, in Chromium: the notebook a user opens, the cells they run,
/// the outputs they see.</summary>
[Collection(JupyterLabBrowser.Name)]
public sealed class JupyterLabTests(JupyterLabFixture lab)
{
    [Fact]
    public void JupyterLab_RunsACSharpCell_ShowsItsResult()
    {
        var notebook = lab.WriteNotebook("run-cells.ipynb");

        var result = lab.RunScenario("run-cells.js", new
        {
            notebook,
            cells = new[] { "1+1", "Console.WriteLine(\"hello from C#\");", "var xs = new[] { 3, 4, 5 };\nxs.Sum()" },
        });

        Assert.Equal(LabNotebook.CSharpKernel, result["kernel"]!.GetValue<string>());
        var cells = result["cells"]!.AsArray();
        Assert.Equal([("result", "2")], Outputs(cells[0]!));
        Assert.Equal([("stream", "hello from C#\n")], Outputs(cells[1]!));
        Assert.Equal([("result", "12")], Outputs(cells[2]!));
    }

    private static List<(string Kind, string Text)> Outputs(JsonNode cell) =>
        cell["outputs"]!.AsArray()
            .Select(o => (o!["kind"]!.GetValue<string>(), o["text"]!.GetValue<string>()))
            .ToList();
}
