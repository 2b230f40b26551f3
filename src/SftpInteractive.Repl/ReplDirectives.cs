namespace SftpInteractive.Repl;

/// <summary>The host's own commands (everything else, <c>#r</c> and <c>#load</c> included, goes to the engine).</summary>
internal static class ReplDirectives
{
    public const string Exit = "#exit";
    public const string Help = "#help";
    public const string Trace = "#trace";
    public const string Clear = "#clear";

    /// <summary>Directive and what it does, for <c>#help</c>.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Help, "this help: the helper's verbs and the REPL's keys"),
        (Trace, "full stack trace of the last error"),
        (Clear, "clear the screen"),
        (Exit, "leave (or Ctrl+D on an empty prompt)"),
        ("#who", "the session's variables: name, type, value"),
        ("#r \"path.dll\"", "reference an assembly"),
        ("#load \"file.csx\"", "run a script file into this session"),
        ("#log off|info|debug|trace", "connection log like ssh -v (SSH.NET's and ours, secrets redacted)"),
        ("#r \"nuget: Name, 1.2.3\"", "restore and reference a NuGet package (version optional; 1.*, [1.0,2.0) and 2.0.0-beta* work)"),
        ("#i \"nuget: <feed or folder>\"", "add a package source (a feed URL or a local folder) for later #r \"nuget:\""),
    ];

    public static bool IsDirective(string code)
    {
        var word = code.Trim();
        return word is Exit or Help or Trace or Clear;
    }
}
