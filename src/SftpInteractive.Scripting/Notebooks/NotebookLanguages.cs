namespace SftpInteractive.Scripting;

/// <summary>Kernel names of notebook cells, and the aliases Polyglot accepts for them.</summary>
internal static class NotebookLanguages
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";
    public const string Raw = "raw";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["c#"] = CSharp,
        ["C#"] = CSharp,
        ["cs"] = CSharp,
        ["md"] = Markdown,
        ["js"] = "javascript",
        ["f#"] = "fsharp",
        ["F#"] = "fsharp",
        ["powershell"] = "pwsh",
    };

    /// <summary>Names that open a cell in a <c>.dib</c> (besides those its <c>#!meta</c> lists).</summary>
    public static readonly HashSet<string> Known =
        [CSharp, "fsharp", "pwsh", "javascript", "html", Markdown, "mermaid", "sql", "kql", "http", "value", .. Aliases.Keys];

    /// <summary>The kernel name for <paramref name="name"/> (an alias becomes its kernel's name).</summary>
    public static string Canonical(string name) => Aliases.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>The kernel named by a first line such as <c>#!markdown</c>, or null when the line names none.</summary>
    public static string? FromMagicLine(string line, IReadOnlySet<string>? extra = null)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var name = trimmed[2..];
        return Known.Contains(name) || extra?.Contains(name) == true ? Canonical(name) : null;
    }
}
