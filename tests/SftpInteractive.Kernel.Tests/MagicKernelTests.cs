using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary>The engine's magics through the kernel process, driven by jupyter_client as a front end drives it: what each
/// sends on iopub, and one error line (never a compiler error) for magics of other languages and unknown ones.</summary>
[Collection(JupyterProcesses.Name)]
public sealed class MagicKernelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void Magics_EachSendsWhatTheEngineSent_ForeignAndUnknownFailWithOneLine()
    {
        using var jupyter = JupyterEnvironment.Create();
        File.WriteAllText(Path.Combine(jupyter.WorkDir, "lib.dib"), "#!markdown\n\n# Library\n\n#!csharp\n\nvar imported = 41;\n");
        string[] cells =
        [
            "#!csharp\nvar x = 20;\nx + 1",
            "#!markdown\n# Title\nSome *text*.",
            "#!html\n<b>bold</b>",
            "#!javascript\nconsole.log(1);",
            "#!mermaid\ngraph TD;\nA-->B;",
            "#!time\nx * 2",
            "#!who",
            "#!whos",
            "#!import lib.dib",
            "imported + 1",
            "#!about",
            "#!lsmagic",
            "#!fsharp\nlet y = 1",
            "#!sql\nselect 1",
            "#!foo",
        ];
        var spec = new JsonObject { ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)c)]) };
        var specPath = Path.Combine(jupyter.WorkDir, "cells.json");
        File.WriteAllText(specPath, spec.ToJsonString());

        var (code, stdout, stderr) = jupyter.Scenario(Limit, "cells", specPath);

        Assert.True(code == 0, stderr);
        var replies = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))!["cells"]!.AsArray();
        for (var i = 0; i < 12; i++)
        {
            Assert.True(replies[i]!["status"]!.GetValue<string>() == "ok", $"cell {i}: {replies[i]!.ToJsonString()}");
        }

        JsonArray Outputs(int cell) => replies[cell]!["outputs"]!.AsArray();
        JsonObject Data(int cell, int index = 0) => Outputs(cell)[index]!["data"]!.AsObject();
        string Type(int cell, int index = 0) => Outputs(cell)[index]!["type"]!.GetValue<string>();
        string Text(JsonObject data, string mime) => Notebooks.Text(data[mime] ?? throw new Xunit.Sdk.XunitException($"no {mime} in {data.ToJsonString()}"));

        Assert.Equal(("execute_result", "21"), (Type(0), Text(Data(0), "text/plain")));
        Assert.Equal(("display_data", "# Title\nSome *text*."), (Type(1), Text(Data(1), "text/markdown")));
        Assert.Equal("<b>bold</b>", Text(Data(2), "text/html"));
        Assert.Equal("<script type=\"text/javascript\">console.log(1);</script>", Text(Data(3), "text/html"));
        Assert.Contains("mermaid.esm.min.mjs", Text(Data(4), "text/html"), StringComparison.Ordinal);
        Assert.Equal("graph TD;\nA-->B;", Text(Data(4), "text/plain"));
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", Text(Data(5), "text/plain"));
        Assert.Equal(("execute_result", "40"), (Type(5, 1), Text(Data(5, 1), "text/plain")));
        Assert.Equal("x", Text(Data(6), "text/plain"));
        Assert.Contains("<table", Text(Data(7), "text/html"), StringComparison.Ordinal);
        Assert.Contains("1 variable", Text(Data(7), "text/plain"), StringComparison.Ordinal);
        Assert.Equal(("display_data", "# Library"), (Type(8), Text(Data(8), "text/markdown"))); // the imported notebook's prose
        Assert.Equal("42", Text(Data(9), "text/plain"));
        Assert.Contains("SftpInteractive: ", Text(Data(10), "text/plain"), StringComparison.Ordinal);
        Assert.Contains("#!lsmagic", Text(Data(11), "text/plain"), StringComparison.Ordinal);

        foreach (var (cell, name, ename) in new[] { (12, "#!fsharp", "UnsupportedMagic"), (13, "#!sql", "UnsupportedMagic"), (14, "#!foo", "UnknownMagic") })
        {
            var reply = replies[cell]!;
            Assert.Equal("error", reply["status"]!.GetValue<string>());
            Assert.Equal(ename, reply["ename"]!.GetValue<string>());
            Assert.StartsWith(name + " is not ", reply["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
            var error = Assert.Single(Outputs(cell));
            Assert.Equal("error", error!["type"]!.GetValue<string>());
            Assert.Single(error["traceback"]!.AsArray()); // one line, no compiler diagnostics
        }
    }
}
