using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>A Plotly.NET chart (the real Plotly.NET.Interactive package, restored by <c>#r "nuget:"</c>) in a notebook
/// executed by the kernel, exported with the system's <c>jupyter nbconvert --to html</c> and read offline in
/// Chromium: the chart draws, from the plotly.js the first chart carries, and nothing is fetched from a CDN.</summary>
public sealed class ExportedPlotlyChartTests
{
    private static readonly string Chart =
        "var keys = Microsoft.FSharp.Core.FSharpOption<IEnumerable<string>>.Some(new[] { \"North\", \"East\", \"South\" });\n" +
        "Plotly.NET.Chart2D_Bar.Chart.Column<double, string, string, string, string>(new[] { 3.0, 4.8, 5.1 }, keys, " +
        string.Join(", ", Enumerable.Repeat("null", 20)) + ")";

    [Fact]
    public void PlotlyChart_ExportedAndReadOffline_DrawsItsBars()
    {
        using var jupyter = JupyterEnvironment.Create("nbclient");
        var input = Path.Combine(jupyter.WorkDir, "plotly.ipynb");
        File.WriteAllText(input, Notebook("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"", Chart, Chart));

        var (code, stdout, stderr) = jupyter.Scenario(TimeSpan.FromMinutes(4), "notebook", input, input);
        Assert.True(code == 0, stdout + stderr);
        var outputs = JsonNode.Parse(File.ReadAllText(input))!["cells"]!.AsArray().Select(c => c!["outputs"]!.AsArray()).ToList();
        Assert.DoesNotContain(outputs.SelectMany(o => o), o => o!["output_type"]!.GetValue<string>() == "error");
        var first = Data(outputs[1]);
        var second = Data(outputs[2]);
        Assert.Equal("[Plotly chart: bar]", first["text/plain"]);
        Assert.Contains("plotly.js v", first["text/html"], StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v", second["text/html"], StringComparison.Ordinal);

        var work = Directory.CreateTempSubdirectory("sftpi-plotly-").FullName;
        try
        {
            var page = Assert.Single(ExportedTutorialsTests.Export([input], work));
            var (nodePath, chromium) = ExportedTutorialsTests.Playwright();
            var (check, report, errors) = ProcessRunner.Run("node",
                [Path.Combine(TestServer.RepoRoot, "tests", "tools", "playwright", "check-exported-pages.js"), chromium, page],
                work, new Dictionary<string, string> { ["NODE_PATH"] = nodePath }, ExportedTutorialsTests.Limit);
            Assert.True(check == 0, $"the browser check failed ({check}): {errors}");

            var seen = JsonNode.Parse(report.Trim().Split('\n')[^1])!.AsObject();
            Assert.True(seen["offline"]!.AsArray().Count == 0, "fetches from the network: " + seen["offline"]!.ToJsonString());

            // Both charts drawn: plotly.js renders each into SVG layers holding the bars (paths).
            var drawn = seen["svgs"]!.AsArray().Where(s => s!["shapes"]!.GetValue<int>() > 3).ToList();
            Assert.True(drawn.Count >= 2, "the charts drew nothing: " + seen["svgs"]!.ToJsonString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Dictionary<string, string> Data(JsonArray outputs)
    {
        var data = outputs.Select(o => o!["data"]).OfType<JsonObject>().Last();
        return data.ToDictionary(kv => kv.Key, kv => kv.Value is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : kv.Value!.GetValue<string>());
    }

    private static string Notebook(params string[] cells) => new JsonObject
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "sftpinteractive", ["display_name"] = "C# (SftpInteractive)", ["language"] = "csharp" } },
        ["cells"] = new JsonArray([.. cells.Select((c, i) => (JsonNode)new JsonObject
        {
            ["id"] = $"c{i}",
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject(),
            ["execution_count"] = null,
            ["outputs"] = new JsonArray(),
            ["source"] = c,
        })]),
    }.ToJsonString();
}
