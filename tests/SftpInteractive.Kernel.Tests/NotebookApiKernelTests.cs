using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests;

/// <summary>Cells written for Polyglot Notebooks (.NET Interactive's display API, Formatter, PocketView, LaTeX, and
/// packages with a .NET Interactive extension) through the kernel process, driven by jupyter_client: each cell's
/// messages and MIME types checked as a front end receives them.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class NotebookApiKernelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void StartUp_PlainCells_DoNotLoadTheNotebookApi()
    {
        using var jupyter = JupyterEnvironment.Create();
        const string loaded = "AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name is " +
            "\"Microsoft.DotNet.Interactive.Formatting\" or \"Microsoft.AspNetCore.Html.Abstractions\" or \"Microsoft.DotNet.Interactive\")";
        var spec = new JsonObject { ["cells"] = new JsonArray("1+1", "var files = new List<string> { \"a.csv\" }; files.Count", loaded) };
        var specPath = Path.Combine(jupyter.WorkDir, "cells.json");
        File.WriteAllText(specPath, spec.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "cells", specPath);

        Assert.True(code == 0, stderr);
        var replies = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!["cells"]!.AsArray();
        var result = replies[2]!["outputs"]!.AsArray().Single(o => o!["type"]!.GetValue<string>() == "execute_result")!;
        Assert.Equal("0", Notebooks.Text(result["data"]!["text/plain"]!));
    }

    [Fact]
    public void PolyglotCells_DisplayUpdateFormatterPocketViewLatexAndExtensions_SendTheEnginesKindsOfOutput()
    {
        using var jupyter = JupyterEnvironment.Create();
        string[] cells =
        [
            "var d = display(1);\nd.Update(2);",
            "new { Region = \"Europe\" }.Display();",
            "HTML(\"<b>bold</b>\")",
            "Javascript(\"console.log(1)\");\nCSS(\"b { color: red }\");",
            "new LaTeXString(@\"\\frac{1}{2}\")",
            "(MathString)@\"x^2\"",
            "record Spot(string Region);\nFormatter.Register<Spot>(s => $\"<i>{s.Region}</i>\", \"text/html\");\nnew Spot(\"Asia\")",
            "using static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;\ndiv(b(\"x\"))",
            "new[] { new { Name = \"a.csv\", Size = 1 } }.DisplayTable();",
            "\"# Hi\".DisplayAs(\"text/markdown\");\n\"console.log(2)\".DisplayAs(\"application/javascript\");",
            "#r \"nuget: Microsoft.Data.Analysis, 0.24.0\"",
            "new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.PrimitiveDataFrameColumn<int>(\"n\", new[] { 1, 2 }))",
            "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"",
            "Plotly.NET.Chart.Invisible()",
        ];
        var spec = new JsonObject { ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)c)]) };
        var specPath = Path.Combine(jupyter.WorkDir, "cells.json");
        File.WriteAllText(specPath, spec.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "cells", specPath);

        Assert.True(code == 0, stderr);
        var replies = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!["cells"]!.AsArray();
        for (var i = 0; i < cells.Length; i++)
        {
            Assert.True(replies[i]!["status"]!.GetValue<string>() == "ok", $"cell {i}: {replies[i]!.ToJsonString()}");
        }

        List<JsonObject> Outputs(int cell, string type) =>
            [.. replies[cell]!["outputs"]!.AsArray().Select(o => o!.AsObject()).Where(o => o["type"]!.GetValue<string>() == type)];
        JsonObject Data(int cell, string type = "execute_result") => Assert.Single(Outputs(cell, type))["data"]!.AsObject();
        string Text(JsonObject data, string mime) => Notebooks.Text(data[mime] ?? throw new Xunit.Sdk.XunitException($"no {mime} in {data.ToJsonString()}"));

        var shown = Assert.Single(Outputs(0, "display_data"));
        var updated = Assert.Single(Outputs(0, "update_display_data"));
        Assert.Equal(shown["transient"]!["display_id"]!.GetValue<string>(), updated["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("1", Text(shown["data"]!.AsObject(), "text/plain"));
        Assert.Equal("2", Text(updated["data"]!.AsObject(), "text/plain"));
        Assert.Contains("Europe", Text(Data(1, "display_data"), "text/html"), StringComparison.Ordinal);
        Assert.Equal("<b>bold</b>", Text(Data(2), "text/html"));
        var scripts = Outputs(3, "display_data");
        Assert.Equal("<script type=\"text/javascript\">console.log(1)</script>", Text(scripts[0]["data"]!.AsObject(), "text/html"));
        Assert.Contains("b { color: red }", Text(scripts[1]["data"]!.AsObject(), "text/html"), StringComparison.Ordinal);
        Assert.Equal(@"\frac{1}{2}", Text(Data(4), "text/latex"));
        Assert.Equal("$$x^2$$", Text(Data(5), "text/latex"));
        Assert.Equal("<i>Asia</i>", Text(Data(6), "text/html"));
        Assert.Equal("<div><b>x</b></div>", Text(Data(7), "text/html"));
        Assert.Contains("<table", Text(Data(8, "display_data"), "text/html"), StringComparison.Ordinal);
        Assert.Contains("a.csv", Text(Data(8, "display_data"), "text/csv"), StringComparison.Ordinal);
        var shownAs = Outputs(9, "display_data");
        Assert.Equal("# Hi", Text(shownAs[0]["data"]!.AsObject(), "text/markdown"));
        Assert.Equal("console.log(2)", Text(shownAs[1]["data"]!.AsObject(), "application/javascript"));
        Assert.Contains("<th>n</th>", Text(Data(11), "text/html"), StringComparison.Ordinal);
        Assert.Contains("newPlot", Text(Data(13), "text/html"), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, cells.Length), i => Assert.All(
            replies[i]!["outputs"]!.AsArray().Where(o => o!["data"] is not null), o => Assert.NotNull(o!["data"]!["text/plain"])));
    }
}
