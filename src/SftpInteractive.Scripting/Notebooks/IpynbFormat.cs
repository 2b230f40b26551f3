using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>
/// Jupyter notebooks (nbformat 4) as Jupyter and Polyglot Notebooks save them. A code cell's language is the kernel a
/// first line such as <c>#!html</c> names, else its metadata's <c>polyglot_notebook.kernelName</c> or
/// <c>dotnet_interactive.language</c> (Polyglot's two), else C#. Written back as Polyglot writes: other languages keep
/// that first line and the metadata; markdown cells are markdown cells.
/// </summary>
internal static class IpynbFormat
{
    /// <summary>The kernelspec of notebooks this tool creates: our kernel's (as <c>sftpi kernel install</c> names it).</summary>
    public static JsonObject KernelSpec => new() { ["display_name"] = "C# (SftpInteractive)", ["language"] = "csharp", ["name"] = "sftpinteractive" };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1, // as Jupyter writes notebooks
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // text stays readable in diffs; still valid JSON
    };

    public static NotebookDocument Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFileException($"not valid JSON ({e.Message})", e);
        }

        if (root is not JsonObject notebook || notebook["cells"] is not JsonArray cells)
        {
            throw new NotebookFileException("not a Jupyter notebook: no \"cells\" list (nbformat 4 is read)");
        }

        var document = new NotebookDocument { Metadata = notebook["metadata"] is JsonObject meta ? (JsonObject)meta.DeepClone() : [] };
        foreach (var node in cells)
        {
            if (node is JsonObject cell)
            {
                document.Cells.Add(ReadCell(cell));
            }
        }

        return document;
    }

    public static string Write(NotebookDocument document)
    {
        var metadata = (JsonObject)document.Metadata.DeepClone();
        metadata["kernelspec"] ??= KernelSpec;
        metadata["language_info"] ??= new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "csharp",
            ["pygments_lexer"] = "csharp",
        };
        var polyglot = metadata.ContainsKey("polyglot_notebook");
        var cells = new JsonArray();
        foreach (var cell in document.Cells)
        {
            cells.Add(WriteCell(cell, polyglot));
        }

        var notebook = new JsonObject { ["cells"] = cells, ["metadata"] = metadata, ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        return notebook.ToJsonString(Indented) + "\n";
    }

    private static NotebookCell ReadCell(JsonObject cell)
    {
        var type = cell["cell_type"]?.GetValue<string>() ?? "code";
        var source = SourceOf(cell["source"]);
        var metadata = cell["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : [];
        var language = type switch
        {
            "markdown" => NotebookLanguages.Markdown,
            "raw" => NotebookLanguages.Raw,
            _ => metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                ?? metadata["dotnet_interactive"]?["language"]?.GetValue<string>()
                ?? NotebookLanguages.CSharp,
        };
        if (type == "code")
        {
            var firstLineEnd = source.IndexOf('\n', StringComparison.Ordinal);
            var first = firstLineEnd < 0 ? source : source[..firstLineEnd];
            var named = NotebookLanguages.FromMagicLine(first);
            if (named is not null && named != NotebookLanguages.Markdown)
            {
                language = named;
                source = firstLineEnd < 0 ? string.Empty : source[(firstLineEnd + 1)..];
            }
            else if (named == NotebookLanguages.Markdown || language == NotebookLanguages.Markdown)
            {
                // A code cell that shows markdown when run (the magic does that), not a markdown cell.
                (language, source) = (NotebookLanguages.CSharp, named is null ? "#!markdown\n" + source : source);
            }
        }

        var tags = metadata["tags"] as JsonArray;
        metadata.Remove("tags");
        var result = new NotebookCell(language, source)
        {
            Metadata = metadata,
            Id = cell["id"]?.GetValue<string>(),
            ExecutionCount = cell["execution_count"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : null,
        };
        foreach (var tag in tags ?? [])
        {
            if (tag?.GetValue<string>() is { } text)
            {
                result.Tags.Add(text);
            }
        }

        foreach (var output in cell["outputs"] as JsonArray ?? [])
        {
            if (output is JsonObject o)
            {
                result.Outputs.Add((JsonObject)o.DeepClone());
            }
        }

        return result;
    }

    private static JsonObject WriteCell(NotebookCell cell, bool polyglot)
    {
        var metadata = (JsonObject)cell.Metadata.DeepClone();
        var type = cell.Language switch
        {
            NotebookLanguages.Markdown => "markdown",
            NotebookLanguages.Raw => "raw",
            _ => "code",
        };
        var source = cell.Source;
        if (type == "code" && (polyglot || cell.Language != NotebookLanguages.CSharp))
        {
            metadata["dotnet_interactive"] = new JsonObject { ["language"] = cell.Language };
            metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.Language };
        }

        if (type == "code" && cell.Language != NotebookLanguages.CSharp)
        {
            source = $"#!{cell.Language}\n{source}";
        }

        if (cell.Tags.Count > 0)
        {
            metadata["tags"] = new JsonArray([.. cell.Tags.Select(t => (JsonNode)t)]);
        }

        var result = new JsonObject { ["cell_type"] = type };
        if (type == "code")
        {
            result["execution_count"] = cell.ExecutionCount;
        }

        result["id"] = cell.Id ?? Guid.NewGuid().ToString("N")[..12];
        result["metadata"] = metadata;
        if (type == "code")
        {
            result["outputs"] = new JsonArray([.. cell.Outputs.Select(o => (JsonNode)AsNbformat(o))]);
        }

        result["source"] = SourceLines(source);
        return result;
    }

    /// <summary>An output as nbformat writes it, so files diff well and match what Jupyter saves: keys sorted at every
    /// level, stream text and text-like MIME values (<c>text/*</c>, SVG, JavaScript) split into lines.</summary>
    private static JsonObject AsNbformat(JsonObject output)
    {
        var sorted = (JsonObject)Sorted(output)!;
        if (sorted["text"] is JsonValue text && text.TryGetValue<string>(out var streamText))
        {
            sorted["text"] = SourceLines(streamText);
        }

        if (sorted["data"] is JsonObject data)
        {
            foreach (var key in data.Select(p => p.Key).Where(SplitsIntoLines).ToList())
            {
                if (data[key] is JsonValue value && value.TryGetValue<string>(out var content))
                {
                    data[key] = SourceLines(content);
                }
            }
        }

        return sorted;
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static bool SplitsIntoLines(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is MimeTypes.Svg or "application/javascript";

    private static string SourceOf(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? string.Empty)),
        JsonValue text => text.GetValue<string>(),
        _ => string.Empty,
    };

    // Jupyter's multi-line string: one entry per line, each ending with its newline but the last.
    internal static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..next]);
            start = next;
        }

        return lines;
    }
}
