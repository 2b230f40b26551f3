namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// What the instrumented code refers to by number: the methods (name, source file, line) and the statements (file,
/// line, column, the names of the locals in scope) of every instrumented cell. Numbers are process-wide and never
/// reused, so code compiled in an earlier debug session stays meaningful.
/// </summary>
internal static class DebugSites
{
    private static readonly Lock Gate = new();
    private static readonly List<MethodSite> Methods = [];
    private static readonly List<StatementSite> Statements = [];

    public static int AddMethod(MethodSite method)
    {
        lock (Gate)
        {
            Methods.Add(method);
            return Methods.Count - 1;
        }
    }

    public static int AddStatement(StatementSite statement)
    {
        lock (Gate)
        {
            Statements.Add(statement);
            return Statements.Count - 1;
        }
    }

    public static MethodSite? Method(int id)
    {
        lock (Gate)
        {
            return id >= 0 && id < Methods.Count ? Methods[id] : null;
        }
    }

    public static StatementSite? Statement(int id)
    {
        lock (Gate)
        {
            return id >= 0 && id < Statements.Count ? Statements[id] : null;
        }
    }

    /// <summary>The lines of <paramref name="path"/> that have a statement (where a breakpoint can bind).</summary>
    public static HashSet<int> Lines(string path)
    {
        lock (Gate)
        {
            return [.. Statements.Where(s => s.Path == path).Select(s => s.Line)];
        }
    }
}

/// <summary>An instrumented method, lambda, local function or cell.</summary>
/// <param name="Name">What the call stack shows.</param>
/// <param name="Path">The source file (the cell's dumped file).</param>
/// <param name="Line">The 1-based line it starts on.</param>
internal sealed record MethodSite(string Name, string Path, int Line);

/// <summary>An instrumented statement.</summary>
/// <param name="Path">The source file (the cell's dumped file).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Names">The locals, parameters and <c>this</c> in scope whose values the hook passes, in order.</param>
internal sealed record StatementSite(string Path, int Line, int Column, string[] Names);
