using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Tests.Browser;

/// <summary>Writes the .ipynb files the browser tests open: code cells whose notebook metadata names a kernelspec
/// (ours, 'sftpinteractive', unless told), so JupyterLab starts that kernel when the notebook opens.</summary>
internal static class LabNotebook
{
    /// <summary>Our kernel's kernelspec name, as JupyterEnvironment installs it.</summary>
    public const string CSharpKernel = "sftpinteractive";

    /// <summary>Writes <paramref name="fileName"/> into <paramref name="folder"/> with one code cell per source (one
    /// empty cell when none are given) and returns the file name.</summary>
    public static string Write(string folder, string fileName, IEnumerable<string> cellSources, string kernelName = CSharpKernel)
    {
        var cells = new JsonArray();
        foreach (var (source, index) in cellSources.DefaultIfEmpty("").Select((s, i) => (s, i)))
        {
            cells.Add(new JsonObject
            {
                ["id"] = $"cell-{index}",
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }

        var (display, language) = kernelName == CSharpKernel ? ("C# (SftpInteractive)", "csharp") : (kernelName, "");
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = kernelName, ["display_name"] = display, ["language"] = language },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(Path.Combine(folder, fileName), notebook.ToJsonString());
        return fileName;
    }
}
