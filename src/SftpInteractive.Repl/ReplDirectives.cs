using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>The host's own commands, from <see cref="DirectiveRegistry"/> (everything else, <c>#r</c> and <c>#load</c>
/// included, goes to the engine).</summary>
internal static class ReplDirectives
{
    /// <summary>True when <paramref name="code"/> is one of the REPL's own directives (<c>#exit</c>, <c>#help</c>, …).</summary>
    public static bool IsDirective(string code) => DirectiveRegistry.IsHostDirective(code, DirectiveHosts.Repl);

    /// <summary>The <c>#</c> directives the REPL handles (its own and the engine's), for <c>#help</c>.</summary>
    public static IEnumerable<DirectiveInfo> Listed => DirectiveRegistry.For(DirectiveHosts.Repl).Where(d => !d.IsMagic);
}
