using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;

namespace SftpInteractive.Kernel.Tests;

/// <summary>A cell is full C# in the kernel process, driven by jupyter_client: extension methods, namespaces, a
/// redefined class, errors at the cell's own line and column, completion of a library's members (issue #20).</summary>
[Collection(JupyterProcesses.Name)]
public sealed class FullCSharpKernelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void Cells_ExtensionMethodsNamespacesRedefinition_RunAndComplete()
    {
        using var jupyter = JupyterEnvironment.Create();
        string[] cells =
        [
            "static class Ext { public static int Twice(this int x) => x * 2; }\n5.Twice()",
            "namespace Geometry\n{\n    public record Point(int X, int Y);\n}",
            "using Geometry;\nstatic class PointExt { public static int Sum(this Point p) => p.X + p.Y; }\nnew Point(20, 1).Sum().Twice()",
            "class Person { public string Name { get; set; } = \"\"; }\nvar ada = new Person { Name = \"Ada\" };",
            "class Person { public string Name { get; set; } = \"\"; public int Age { get; set; } }\n$\"{ada.Name} {new Person { Age = 36 }.Age}\"",
            "var a = 1;\n\nstatic class Bad { public static int Twice(this int x) => nope * x; }",
        ];
        var spec = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)c)]),
            ["complete"] = new JsonArray(new JsonArray("5.Tw", 4)),
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

        string Plain(int cell) => Notebooks.Text(replies[cell]!["outputs"]!.AsArray()
            .Single(o => o!["type"]!.GetValue<string>() == "execute_result")!["data"]!["text/plain"]!);
        Assert.Equal("10", Plain(0));
        Assert.Equal("42", Plain(2));
        Assert.Equal("Ada 36", Plain(4));

        var failed = replies[^1]!;
        Assert.Equal("error", failed["status"]!.GetValue<string>());
        Assert.Equal("CS0103", failed["ename"]!.GetValue<string>());
        Assert.StartsWith("(3,59): ", failed["evalue"]!.GetValue<string>(), StringComparison.Ordinal);

        var matches = result["complete"]![0]!["matches"]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.Contains("Twice", matches);
    }
}
