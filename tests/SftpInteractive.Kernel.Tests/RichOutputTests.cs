using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>Rich output, formatters, <c>#who</c>, inspect and completion types through the kernel process, driven by
/// jupyter_client as front ends drive it; every bundle checked by MIME type and content.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class RichOutputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void Cells_HelpersFormattersWhoInspectComplete_SendTheRightBundles()
    {
        using var jupyter = JupyterEnvironment.Create();
        var png = TinyImages.Png(2, 3);
        var jpeg = TinyImages.Jpeg(4, 5);
        var gif = TinyImages.Gif(6, 7);
        File.WriteAllBytes(Path.Combine(jupyter.WorkDir, "tiny.jpg"), jpeg);
        File.WriteAllBytes(Path.Combine(jupyter.WorkDir, "tiny.gif"), gif);
        var dll = FormatterLibrary.Build(jupyter.WorkDir);
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"4\"/></svg>";
        string[] cells =
        [
            "Markdown(\"# Regions\\n*3* files\")",
            "Html(\"<b>bold</b>\")",
            $"Image(Convert.FromBase64String(\"{Convert.ToBase64String(png)}\"))",
            "Image(\"tiny.jpg\")",
            "Display(Image(\"tiny.gif\"));",
            $"Svg(\"{svg.Replace("\"", "\\\"", StringComparison.Ordinal)}\")",
            "Json(new { name = \"wmr\", count = 3 })",
            "record Point(int X, int Y);\nFormatters.Register<Point>(html: p => $\"<b>{p.X},{p.Y}</b>\");\nDisplay(new Point(1, 2));",
            $"#r \"{dll}\"\nnew Acme.Gauges.Gauge(42)",
            "var answer = 6 * 7; var region = \"Europe\";",
            "#who",
            "Image(new byte[] { 1, 2, 3 })",
        ];
        var spec = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)c)]),
            ["complete"] = new JsonArray(new JsonArray("Console.Wri", 11), new JsonArray("answ", 4)),
            ["inspect"] = new JsonArray(new JsonArray("answer", 3)),
        };
        var specPath = Path.Combine(jupyter.WorkDir, "cells.json");
        File.WriteAllText(specPath, spec.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "cells", specPath);

        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!;
        var replies = result["cells"]!.AsArray();
        for (var i = 0; i < cells.Length - 1; i++)
        {
            Assert.True(replies[i]!["status"]!.GetValue<string>() == "ok", $"cell {i}: {replies[i]!.ToJsonString()}");
        }

        JsonObject Data(int cell, string type = "execute_result") =>
            replies[cell]!["outputs"]!.AsArray().Single(o => o!["type"]!.GetValue<string>() == type)!["data"]!.AsObject();
        string Text(JsonObject data, string mime) => Notebooks.Text(data[mime] ?? throw new Xunit.Sdk.XunitException($"no {mime} in {data.ToJsonString()}"));

        var markdown = Data(0);
        Assert.Equal("# Regions\n*3* files", Text(markdown, "text/markdown"));
        Assert.Equal("# Regions\n*3* files", Text(markdown, "text/plain"));
        Assert.Equal("<b>bold</b>", Text(Data(1), "text/html"));
        Assert.Equal("bold", Text(Data(1), "text/plain"));
        Assert.Equal(png, Convert.FromBase64String(Text(Data(2), "image/png")));
        Assert.StartsWith("[PNG image 2×3, ", Text(Data(2), "text/plain"), StringComparison.Ordinal);
        Assert.Equal(jpeg, Convert.FromBase64String(Text(Data(3), "image/jpeg")));
        Assert.StartsWith("[JPEG image 4×5, ", Text(Data(3), "text/plain"), StringComparison.Ordinal);
        Assert.Equal(gif, Convert.FromBase64String(Text(Data(4, "display_data"), "image/gif")));
        Assert.StartsWith("[GIF image 6×7, ", Text(Data(4, "display_data"), "text/plain"), StringComparison.Ordinal);
        Assert.Equal(svg, Text(Data(5), "image/svg+xml"));
        Assert.StartsWith("[SVG image, ", Text(Data(5), "text/plain"), StringComparison.Ordinal);
        var json = Data(6);
        Assert.Equal("wmr", json["application/json"]!["name"]!.GetValue<string>());
        Assert.Equal(3, json["application/json"]!["count"]!.GetValue<int>());
        Assert.Contains("\"count\": 3", Text(json, "text/plain"), StringComparison.Ordinal);
        Assert.Equal("<b>1,2</b>", Text(Data(7, "display_data"), "text/html"));
        Assert.Equal(FormatterLibrary.ExpectedHtml, Text(Data(8), "text/html"));
        Assert.True(Data(8).ContainsKey("text/plain"));

        var who = Data(10);
        Assert.Contains("<table", Text(who, "text/html"), StringComparison.Ordinal);
        Assert.Matches(@"answer\s+int\s+42", Text(who, "text/plain"));
        Assert.Matches("region\\s+string\\s+\"Europe\"", Text(who, "text/plain"));

        var refused = replies[^1]!;
        Assert.Equal("error", refused["status"]!.GetValue<string>());
        Assert.Contains("not a PNG, JPEG or GIF image", refused["evalue"]!.GetValue<string>(), StringComparison.Ordinal);

        var inspect = result["inspect"]![0]!;
        Assert.True(inspect["found"]!.GetValue<bool>());
        Assert.StartsWith("answer: int = 42", inspect["data"]!["text/plain"]!.GetValue<string>(), StringComparison.Ordinal);

        var completions = result["complete"]!.AsArray();
        var methods = completions[0]!["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        var write = methods.First(m => m!["text"]!.GetValue<string>() == "WriteLine")!;
        Assert.Equal("function", write["type"]!.GetValue<string>());
        Assert.Equal(completions[0]!["cursor_start"]!.GetValue<int>(), write["start"]!.GetValue<int>());
        var variables = completions[1]!["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        Assert.Equal("variable", variables.First(m => m!["text"]!.GetValue<string>() == "answer")!["type"]!.GetValue<string>());
    }
}
