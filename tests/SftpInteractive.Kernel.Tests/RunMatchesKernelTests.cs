using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests;

/// <summary><c>sftpi run --output</c> and nbclient through the kernel execute the same notebook into the same outputs:
/// output types, MIME bundles and their content, execution counts (the one definition is JupyterOutput).</summary>
[Collection(JupyterProcesses.Name)]
public sealed class RunMatchesKernelTests
{
    [Fact]
    public void SftpiRun_Output_SameBundlesAsTheKernelUnderNbclient()
    {
        using var jupyter = JupyterEnvironment.Create("nbclient");
        var notebook = Notebooks.Build(
            // One stream per cell: the kernel batches each stream on its own timer, so interleaved writes of two
            // streams may arrive grouped by stream there; sftpi run records them in the order written.
            "Console.WriteLine(\"out\"); Console.Write(\"out \"); Console.WriteLine(\"again\");",
            "Console.Error.WriteLine(\"err\");",
            "#!markdown\n# Title",
            "#!html\n<b>bold</b>",
            "#!mermaid\ngraph TD;\nA-->B;",
            "Markdown(\"**m**\")",
            "Json(new { name = \"wmr\", count = 3 })",
            "new[] { new { Name = \"a\", Size = 1 }, new { Name = \"b\", Size = 2 } }",
            "UpdateDisplay(\"step 2\", Display(\"step 1\"));",
            "var x = 20;\nx\n#!csharp\nx * 2 + 2",
            "#!whos");
        var input = Path.Combine(jupyter.WorkDir, "nb.ipynb");
        File.WriteAllText(input, notebook);

        var (code, _, stderr) = jupyter.Scenario(TimeSpan.FromMinutes(3), "notebook", input, Path.Combine(jupyter.WorkDir, "kernel.ipynb"));
        Assert.True(code == 0, stderr);
        var run = ProcessRunner.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "sftpi.dll"), "run", "nb.ipynb", "--output", "run.ipynb"], jupyter.WorkDir, null, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.StdErr);

        var kernel = Cells(Path.Combine(jupyter.WorkDir, "kernel.ipynb"));
        var ours = Cells(Path.Combine(jupyter.WorkDir, "run.ipynb"));
        Assert.Equal(kernel.Count, ours.Count);
        for (var i = 0; i < kernel.Count; i++)
        {
            Assert.Equal(kernel[i]!["execution_count"]?.ToJsonString(), ours[i]!["execution_count"]?.ToJsonString());
            Assert.Equal(Comparable(kernel[i]!), Comparable(ours[i]!));
        }
    }

    private static JsonArray Cells(string path) => JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();

    // Outputs as stored (both writers sort keys and split text into lines as nbformat does); generated element ids
    // (a mermaid diagram's, a sortable table's) differ from run to run.
    private static string Comparable(JsonNode cell) =>
        System.Text.RegularExpressions.Regex.Replace(cell["outputs"]!.ToJsonString(), "[0-9a-f]{32}", "ID");
}
