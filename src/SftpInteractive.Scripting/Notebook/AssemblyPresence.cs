namespace SftpInteractive.Scripting.Notebook;

/// <summary>Whether the notebook API's assemblies are loaded yet. The display pipeline asks before calling code that
/// would load them: a session that never touches <c>Formatter</c>, <c>PocketView</c> or <c>HTML(...)</c> pays nothing
/// for them (start-up and the first result stay as fast as without the notebook API).</summary>
internal static class AssemblyPresence
{
    private const string FormattingName = "Microsoft.DotNet.Interactive.Formatting";
    private const string HtmlName = "Microsoft.AspNetCore.Html.Abstractions";
    private static volatile bool _formatting;
    private static volatile bool _html;

    static AssemblyPresence()
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Note(e.LoadedAssembly.GetName().Name);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            Note(assembly.GetName().Name);
        }
    }

    /// <summary>True once <c>Microsoft.DotNet.Interactive.Formatting</c> is loaded (a cell or a package used it).</summary>
    public static bool Formatting => _formatting;

    /// <summary>True once Formatting or <c>IHtmlContent</c>'s assembly is loaded.</summary>
    public static bool Any => _formatting || _html;

    private static void Note(string? name)
    {
        if (name == FormattingName)
        {
            _formatting = true;
        }
        else if (name == HtmlName)
        {
            _html = true;
        }
    }
}
