namespace SftpInteractive.Scripting;

/// <summary>
/// The engine's magic commands, one object each: what <see cref="MagicCell"/> recognises, what <c>#!lsmagic</c> lists
/// and what a refused magic's message names. Magics of languages a C# kernel does not run are in
/// <see cref="ForeignMagics"/>; <see cref="DirectiveRegistry"/> lists these beside the directives.
/// </summary>
internal static class MagicRegistry
{
    /// <summary><c>#!csharp</c>: the default language.</summary>
    public static Magic CSharp { get; } = new CSharpMagic();

    /// <summary>Every magic, in <c>#!lsmagic</c>'s order.</summary>
    public static IReadOnlyList<Magic> All { get; } =
    [
        CSharp,
        new MarkdownMagic(),
        new HtmlMagic(),
        new JavaScriptMagic(),
        new MermaidMagic(),
        new TimeMagic(),
        new WhoMagic(whos: false),
        new WhoMagic(whos: true),
        new ImportMagic(),
        new AboutMagic(),
        new LsMagic(),
    ];

    /// <summary>The magic named <paramref name="name"/> (with its <c>#!</c>), or null.</summary>
    public static Magic? Find(string name) => All.FirstOrDefault(m => m.Answers(name));

    /// <summary>Offers the magics while a line starting with <c>#!</c> is being typed; null otherwise.</summary>
    public static CompletionList? Complete(string code, int cursor)
    {
        if (cursor < 2)
        {
            return null;
        }

        var lineStart = code.LastIndexOf('\n', cursor - 1) + 1;
        var typed = code[lineStart..cursor].TrimStart();
        if (!typed.StartsWith("#!", StringComparison.Ordinal) || typed.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var entries = All.SelectMany(m => new[] { m.Name }.Concat(m.Aliases).Select(name => (Name: name, m.Description)))
            .Where(e => e.Name.StartsWith(typed, StringComparison.Ordinal) && e.Name != typed)
            .Select(e => new CompletionEntry(e.Name, e.Name, "keyword", e.Description))
            .ToList();
        return entries.Count == 0 ? null : new CompletionList(entries, cursor - typed.Length, cursor);
    }

    /// <summary>The names a user may type, for messages: <c>#!csharp, #!markdown, …</c>.</summary>
    public static string SupportedNames => string.Join(", ", All.Select(m => m.Name));
}
