namespace SftpInteractive.Scripting;

/// <summary>
/// The one list of directives and magics, with their descriptions: the REPL's <c>#help</c> and the engine's
/// <c>#!lsmagic</c> (every host's list) read it, and the hosts recognise their own directives from it. A directive the
/// engine handles (<see cref="Who"/>, <see cref="Log"/>, the package lines, Roslyn's <c>#r</c>/<c>#load</c>) and a
/// magic (<see cref="MagicRegistry"/>, which this list takes its rows from) are here once; a test fails when the engine
/// handles a <c>#</c> word this list does not name, or the other way round.
/// </summary>
public static class DirectiveRegistry
{
    /// <summary><c>#help</c>: the REPL's list of verbs, directives and keys.</summary>
    public static DirectiveInfo Help { get; } = new("#help", "#help", "this help: the helper's verbs and the REPL's keys", DirectiveHosts.Repl);

    /// <summary><c>#trace</c>: the REPL shows the last error's whole stack trace.</summary>
    public static DirectiveInfo Trace { get; } = new("#trace", "#trace", "full stack trace of the last error", DirectiveHosts.Repl);

    /// <summary><c>#clear</c>: the REPL clears the screen.</summary>
    public static DirectiveInfo Clear { get; } = new("#clear", "#clear", "clear the screen", DirectiveHosts.Repl);

    /// <summary><c>#exit</c>: the REPL ends.</summary>
    public static DirectiveInfo Exit { get; } = new("#exit", "#exit", "leave (or Ctrl+D on an empty prompt)", DirectiveHosts.Repl);

    /// <summary><c>#who</c>: the session's variables as a table.</summary>
    public static DirectiveInfo Who { get; } = new("#who", "#who", "the session's variables: name, type, value", DirectiveHosts.Engine);

    /// <summary><c>#log</c>: the connection log's level.</summary>
    public static DirectiveInfo Log { get; } = new("#log", "#log off|info|debug|trace", "connection log like ssh -v (SSH.NET's and ours, secrets redacted)", DirectiveHosts.Engine);

    /// <summary>The directives, in <c>#help</c>'s order: the REPL's own first, then the engine's.</summary>
    public static IReadOnlyList<DirectiveInfo> Directives { get; } =
    [
        Help,
        Trace,
        Clear,
        Exit,
        Who,
        new("#r", "#r \"path.dll\"", "reference an assembly", DirectiveHosts.Engine),
        new("#load", "#load \"file.csx\"", "run a script file into this session", DirectiveHosts.Engine),
        Log,
        new("#r", "#r \"nuget: Name, 1.2.3\"", "restore and reference a NuGet package (version optional; 1.*, [1.0,2.0) and 2.0.0-beta* work)", DirectiveHosts.Engine),
        new("#i", "#i \"nuget: <feed or folder>\"", "add a package source (a feed URL or a local folder) for later #r \"nuget:\"", DirectiveHosts.Engine),
    ];

    /// <summary>The engine's magics (<c>#!name</c>), in <c>#!lsmagic</c>'s order.</summary>
    public static IReadOnlyList<DirectiveInfo> Magics { get; } =
        [.. MagicRegistry.All.Select(m => new DirectiveInfo(m.Name, string.Join(", ", new[] { m.Name }.Concat(m.Aliases)), m.Description, DirectiveHosts.Engine, isMagic: true))];

    /// <summary>Every directive and magic: <see cref="Directives"/>, then <see cref="Magics"/>.</summary>
    public static IReadOnlyList<DirectiveInfo> All { get; } = [.. Directives, .. Magics];

    /// <summary>The directives and magics <paramref name="host"/> handles, in <see cref="All"/>'s order.</summary>
    public static IEnumerable<DirectiveInfo> For(DirectiveHosts host) => All.Where(d => (d.Hosts & host) != 0);

    /// <summary>True when <paramref name="code"/> (trimmed) is exactly a directive only the hosts handle (not the
    /// engine) that <paramref name="host"/> has, such as the REPL's <c>#exit</c>.</summary>
    public static bool IsHostDirective(string code, DirectiveHosts host)
    {
        ArgumentNullException.ThrowIfNull(code);
        var word = code.Trim();
        return Directives.Any(d => d.Hosts != DirectiveHosts.Engine && (d.Hosts & host) != 0 && d.Usage == word);
    }
}
