using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>A notebook or script as cells, whatever file it came from (<see cref="NotebookFiles"/>).</summary>
public sealed class NotebookDocument
{
    /// <summary>The cells in order.</summary>
    public IList<NotebookCell> Cells { get; } = [];

    /// <summary>The notebook's metadata as in <c>.ipynb</c> (<c>kernelspec</c>, <c>language_info</c>, Polyglot's
    /// <c>polyglot_notebook</c> with the <c>.dib</c>'s <c>#!meta</c> kernel info), kept as read.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>The cell tagged <paramref name="tag"/>, or null.</summary>
    public NotebookCell? Tagged(string tag) => Cells.FirstOrDefault(c => c.Tags.Contains(tag));
}
