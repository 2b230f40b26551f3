using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Tests.Client;
using SftpInteractive.Testing;

namespace SftpInteractive.Kernel.Tests.Corpus;

/// <summary>The Polyglot corpus on disk: tests/SftpInteractive.Kernel.Tests/polyglot-corpus, its notebooks' code cells
/// and the engine's recorded results.</summary>
internal static class CorpusNotebooks
{
    /// <summary>One code cell: its notebook, its index among all the notebook's cells, its id and first line (as
    /// python/polyglot_corpus.py records them).</summary>
    internal sealed record CodeCell(string Notebook, int Index, string Id, string FirstLine);

    public static string Folder => Path.Combine(TestServer.RepoRoot, "tests", "SftpInteractive.Kernel.Tests", "polyglot-corpus");

    /// <summary>What the engine produced in a real run, for when it cannot run.</summary>
    public static string RecordedEngineResults => Path.Combine(Folder, "engine-results.json");

    public static string Harness => Path.Combine(TestServer.RepoRoot, "tests", "SftpInteractive.Kernel.Tests", "python", "polyglot_corpus.py");

    /// <summary>The code cells of every notebook of the corpus (not of imports/), in notebook order.</summary>
    public static IReadOnlyList<CodeCell> CodeCells()
    {
        var cells = new List<CodeCell>();
        foreach (var path in Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var all = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
            for (var i = 0; i < all.Count; i++)
            {
                if (all[i]!["cell_type"]!.GetValue<string>() == "code")
                {
                    cells.Add(new(Path.GetFileName(path), i, all[i]!["id"]!.GetValue<string>(), FirstLine(Notebooks.Text(all[i]!["source"]!))));
                }
            }
        }

        return cells;
    }

    // The harness's first_line: the first line with text, trimmed.
    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 300 ? line[..300] : line;
    }
}
