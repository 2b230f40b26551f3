using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>One cell of a <see cref="NotebookDocument"/>.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="language">The kernel name: <c>csharp</c>, <c>markdown</c>, <c>html</c>, <c>javascript</c>,
    /// <c>mermaid</c>, <c>fsharp</c>…, or <c>raw</c> for a Jupyter raw cell. Aliases (<c>c#</c>, <c>md</c>, <c>js</c>)
    /// become the kernel's name.</param>
    /// <param name="source">The cell's text, without a line naming its language.</param>
    public NotebookCell(string language, string source)
    {
        ArgumentNullException.ThrowIfNull(language);
        Language = NotebookLanguages.Canonical(language);
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>The kernel name (<c>csharp</c>, <c>markdown</c>, <c>html</c>…; <c>raw</c> for a Jupyter raw cell).</summary>
    public string Language { get; }

    /// <summary>The cell's text, without a line naming its language.</summary>
    public string Source { get; set; }

    /// <summary>True for a markdown cell (text, not run).</summary>
    public bool IsMarkdown => Language == NotebookLanguages.Markdown;

    /// <summary>True for a cell that runs (neither markdown nor raw).</summary>
    public bool IsCode => Language is not NotebookLanguages.Markdown and not NotebookLanguages.Raw;

    /// <summary>The Jupyter cell id, when the file has one.</summary>
    public string? Id { get; set; }

    /// <summary>Tags (<c>parameters</c>, <c>injected-parameters</c>), kept in the cell's metadata in <c>.ipynb</c>.</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>The cell's other Jupyter metadata, kept as read.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>The execution count of a run cell, or null.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The cell's outputs as nbformat 4 output objects (<c>stream</c>, <c>display_data</c>,
    /// <c>execute_result</c>, <c>error</c>).</summary>
    public IList<JsonObject> Outputs { get; } = [];

    /// <summary>What the engine runs for this cell: C# as is, another language behind its magic line
    /// (<c>#!html</c>…, which the engine shows or refuses with one clear line); null for markdown and raw cells.</summary>
    public string? ToSubmission() => !IsCode ? null : Language == NotebookLanguages.CSharp ? Source : $"#!{Language}\n{Source}";
}
