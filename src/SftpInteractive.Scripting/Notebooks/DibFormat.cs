using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>
/// Polyglot Notebooks' <c>.dib</c>: an optional <c>#!meta</c> line followed by JSON (the kernel info), then cells, each
/// opened by a line <c>#!&lt;kernel&gt;</c> naming a known kernel or one the meta lists. Any other <c>#!</c> line
/// (<c>#!time</c>) belongs to its cell. Blank lines around a cell's text are not part of it. The meta is kept in the
/// notebook metadata as <c>polyglot_notebook</c>, where Polyglot keeps it in <c>.ipynb</c>.
/// </summary>
internal static class DibFormat
{
    public const string PolyglotKey = "polyglot_notebook";

    public static NotebookDocument Read(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var document = new NotebookDocument();
        var kernels = new HashSet<string>(StringComparer.Ordinal);
        var language = NotebookLanguages.CSharp;
        var cell = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#!meta", StringComparison.Ordinal) && document.Metadata.Count == 0)
            {
                var json = new List<string>();
                while (i + 1 < lines.Length && !lines[i + 1].StartsWith("#!", StringComparison.Ordinal))
                {
                    json.Add(lines[++i]);
                }

                var meta = ParseMeta(string.Join('\n', json));
                document.Metadata[PolyglotKey] = meta;
                AddKernels(meta, kernels);
                language = meta["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? language;
                continue;
            }

            if (line.StartsWith("#!", StringComparison.Ordinal) && NotebookLanguages.FromMagicLine(line, kernels) is { } named)
            {
                Flush();
                language = named;
                continue;
            }

            cell.Add(line);
        }

        Flush();
        return document;

        void Flush()
        {
            var start = cell.FindIndex(l => l.Trim().Length > 0);
            var end = cell.FindLastIndex(l => l.Trim().Length > 0);
            if (start >= 0)
            {
                document.Cells.Add(new NotebookCell(language, string.Join('\n', cell[start..(end + 1)])));
            }

            cell.Clear();
        }
    }

    public static string Write(NotebookDocument document)
    {
        var lines = new List<string> { "#!meta", string.Empty, MetaOf(document).ToJsonString(), string.Empty };
        foreach (var cell in document.Cells.Where(c => c.Language != NotebookLanguages.Raw))
        {
            var text = cell.Source.ReplaceLineEndings("\n").Trim('\n');
            if (text.Trim().Length == 0)
            {
                continue;
            }

            lines.Add("#!" + cell.Language);
            lines.Add(string.Empty);
            lines.Add(text);
            lines.Add(string.Empty);
        }

        return string.Join('\n', lines);
    }

    /// <summary>The kernel info to write: the one read, else the kernels the cells use, C# the default.</summary>
    private static JsonObject MetaOf(NotebookDocument document)
    {
        if (document.Metadata[PolyglotKey] is JsonObject kept)
        {
            return (JsonObject)kept.DeepClone();
        }

        var items = new JsonArray();
        foreach (var name in document.Cells.Select(c => c.Language).Prepend(NotebookLanguages.CSharp).Where(l => l != NotebookLanguages.Raw).Distinct())
        {
            items.Add(new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = name, ["name"] = name });
        }

        return new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = NotebookLanguages.CSharp, ["items"] = items } };
    }

    private static JsonObject ParseMeta(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new NotebookFileException("its #!meta is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new NotebookFileException($"its #!meta is not valid JSON ({e.Message})", e);
        }
    }

    private static void AddKernels(JsonObject meta, HashSet<string> kernels)
    {
        foreach (var item in meta["kernelInfo"]?["items"] as JsonArray ?? [])
        {
            if (item?["name"]?.GetValue<string>() is { } name)
            {
                kernels.Add(name);
            }

            foreach (var alias in item?["aliases"] as JsonArray ?? [])
            {
                if (alias?.GetValue<string>() is { } a)
                {
                    kernels.Add(a.TrimStart('#', '!'));
                }
            }
        }
    }
}
