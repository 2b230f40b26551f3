using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary>
/// A Polyglot Notebooks <c>.dib</c> file: a <c>#!meta</c> cell with the kernel info (JSON), then cells each opened by a
/// line naming its kernel (<c>#!csharp</c>, <c>#!markdown</c>, …). Other <c>#!</c> lines inside a cell are magic
/// commands and stay in the cell, as .NET Interactive treats them.
/// </summary>
internal sealed partial class DibNotebook
{
    private static readonly HashSet<string> Kernels =
        ["meta", "csharp", "cs", "c#", "fsharp", "fs", "f#", "pwsh", "powershell", "markdown", "md", "javascript", "js", "html", "sql", "kql", "mermaid", "http", "value"];

    private DibNotebook(IReadOnlyList<(string Kernel, string Code)> cells) => Cells = cells;

    /// <summary>The cells in order: kernel name and text (trimmed of the blank lines around it).</summary>
    public IReadOnlyList<(string Kernel, string Code)> Cells { get; }

    /// <summary>The parsed <c>#!meta</c> JSON, or null.</summary>
    public JsonNode? Meta => Cells.Where(c => c.Kernel == "meta").Select(c => JsonNode.Parse(c.Code)).FirstOrDefault();

    /// <summary>The C# cells' code.</summary>
    public IEnumerable<string> CSharpCells => Cells.Where(c => c.Kernel is "csharp" or "cs" or "c#").Select(c => c.Code);

    public static DibNotebook Load(string path)
    {
        var cells = new List<(string, string)>();
        string? kernel = null;
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            var header = CellHeader().Match(line);
            if (header.Success && Kernels.Contains(header.Groups[1].Value))
            {
                Flush();
                kernel = header.Groups[1].Value;
                continue;
            }

            lines.Add(line);
        }

        Flush();
        return new DibNotebook(cells);

        void Flush()
        {
            var text = string.Join("\n", lines).Trim('\n', '\r', ' ');
            if (kernel is not null)
            {
                cells.Add((kernel, text));
            }
            else if (text.Length > 0)
            {
                throw new FormatException($"{path} has text before its first cell header: {text}");
            }

            lines.Clear();
        }
    }

    /// <summary><paramref name="code"/> without <c>#r "nuget: …"</c> lines (a package reference our engine does not resolve).</summary>
    public static string WithoutNuGetReferences(string code) =>
        string.Join("\n", code.Split('\n').Where(l => !NuGetReference().IsMatch(l))).Trim();

    [GeneratedRegex(@"^#!(\S+)\s*$")]
    private static partial Regex CellHeader();

    [GeneratedRegex(@"^\s*#r\s+""nuget:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();
}
