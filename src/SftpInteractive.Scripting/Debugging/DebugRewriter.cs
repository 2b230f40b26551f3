using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// Instruments a cell for the debugger: before each statement a <see cref="DebugHooks.Step"/> call with the values of
/// the locals, parameters and <c>this</c> in scope there (only those that are definitely assigned, read into an array
/// when the statement runs: no lambda, no closure, nothing captured), and around each method, lambda and local
/// function body a frame (<see cref="DebugHooks.Enter"/> / <see cref="DebugHooks.Exit"/>). Everything is inserted on
/// the lines of the statements it precedes, so the cell keeps its lines and columns (breakpoints, stack traces and
/// compiler messages need no mapping). Iterators are left as they are (their frame would outlive each
/// <c>MoveNext</c>).
/// </summary>
internal sealed partial class DebugRewriter : CSharpSyntaxRewriter
{
    private const string Hooks = "global::SftpInteractive.Scripting.Debugging.DebugHooks";

    private readonly SyntaxTree _tree;
    private readonly string _path;
    private readonly bool _captureLocals;
    private List<List<string>> _scopes = [[]];
    private string? _typeName;
    private List<string> _typeMembers = [];
    private SyntaxNode? _anchor;

    private DebugRewriter(SyntaxTree tree, string path, bool captureLocals)
    {
        _tree = tree;
        _path = path;
        _captureLocals = captureLocals;
    }

    /// <summary>The instrumented text of the script <paramref name="code"/> (lines kept).</summary>
    /// <param name="code">The script part of a cell.</param>
    /// <param name="path">The cell's source file, as breakpoints name it.</param>
    /// <param name="cellName">What the call stack shows for the cell's top level.</param>
    /// <param name="captureLocals">False passes no values (a cell whose locals cannot be boxed, say a span).</param>
    public static string Instrument(string code, string path, string cellName, bool captureLocals = true)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions);
        var rewriter = new DebugRewriter(tree, path, captureLocals);
        return rewriter.Rewrite((CompilationUnitSyntax)tree.GetRoot(), cellName).ToFullString();
    }

    /// <summary>Instruments the members of a library's tree (types declared in cells).</summary>
    public static SyntaxTree InstrumentLibrary(SyntaxTree tree, string path)
    {
        var rewriter = new DebugRewriter(tree, path, captureLocals: true);
        var root = (CompilationUnitSyntax)rewriter.Visit(tree.GetRoot());
        return tree.WithRootAndOptions(root, tree.Options);
    }

    private CompilationUnitSyntax Rewrite(CompilationUnitSyntax root, string cellName)
    {
        var members = new List<MemberDeclarationSyntax>();
        var entered = false;
        foreach (var member in root.Members)
        {
            // At a script's top level `var x = 1;` is a field declaration; it runs in order like a statement.
            if (member is not (GlobalStatementSyntax { Statement: not LocalFunctionStatementSyntax } or FieldDeclarationSyntax))
            {
                members.Add((MemberDeclarationSyntax)Visit(member));
                continue;
            }

            var hook = HookText(member);
            if (!entered)
            {
                var cell = DebugSites.AddMethod(new MethodSite(cellName, _path, LineOf(member)));
                hook = $"{Hooks}.Enter({cell}); " + hook;
                entered = true;
            }

            var visited = (MemberDeclarationSyntax)Visit(member);
            members.AddRange(ParseGlobals(hook, visited.GetLeadingTrivia()));
            members.Add(visited.WithLeadingTrivia());
            if (member is GlobalStatementSyntax global)
            {
                Declare(global.Statement);
            }
            else
            {
                DeclareField((FieldDeclarationSyntax)member);
            }
        }

        return root.WithMembers(SyntaxFactory.List(members));
    }

    private static List<GlobalStatementSyntax> ParseGlobals(string text, SyntaxTriviaList leading)
    {
        var parsed = ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, ScriptWorkspace.ParseOptions).GetRoot()).Members.Cast<GlobalStatementSyntax>().ToList();
        parsed[0] = parsed[0].WithLeadingTrivia(leading);
        return parsed;
    }

    public override SyntaxNode? VisitBlock(BlockSyntax node) => node.WithStatements(Hooked(node.Statements));

    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node) =>
        node.WithLabels(VisitList(node.Labels)).WithStatements(Hooked(node.Statements));

    /// <summary>The statements of a block (or switch section), each after its sequence point, in a scope of their own.</summary>
    private SyntaxList<StatementSyntax> Hooked(SyntaxList<StatementSyntax> original)
    {
        _scopes.Add([]);
        var statements = new List<StatementSyntax>();
        foreach (var statement in original)
        {
            if (statement is LocalFunctionStatementSyntax)
            {
                statements.Add((StatementSyntax)Visit(statement));
                continue;
            }

            statements.AddRange(HookedStatement(statement));
            Declare(statement);
        }

        _scopes.RemoveAt(_scopes.Count - 1);
        return SyntaxFactory.List(statements);
    }

    /// <summary>The sequence point (taking the statement's leading trivia, so the statement keeps its line) and the
    /// rewritten statement. Positions come from the original tree, so <paramref name="statement"/> must be in it.</summary>
    private StatementSyntax[] HookedStatement(StatementSyntax statement)
    {
        var hook = SyntaxFactory.ParseStatement(HookText(statement), options: ScriptWorkspace.ParseOptions);
        var visited = (StatementSyntax)Visit(statement);
        return [hook.WithLeadingTrivia(visited.GetLeadingTrivia()), visited.WithLeadingTrivia()];
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var name = node.Declaration?.Identifier.ValueText;
        return WithNames(string.IsNullOrEmpty(name) ? [] : [name], () => base.VisitCatchClause(node));
    }

    /// <summary>The hook call before <paramref name="statement"/>, registered with its position and the names in scope.</summary>
    private string HookText(SyntaxNode statement)
    {
        var names = _captureLocals ? _scopes.SelectMany(s => s).ToArray() : [];
        // A statement made from an expression body is not in the cell's tree: it is where the expression is.
        var anchor = statement.SyntaxTree == _tree ? statement : _anchor ?? statement;
        var position = _tree.GetLineSpan(anchor.Span).StartLinePosition;
        var id = DebugSites.AddStatement(new StatementSite(_path, position.Line + 1, position.Character + 1, names));
        var values = names.Length == 0 ? "null" : "new object[] { " + string.Join(", ", names.Select(Expression)) + " }";
        return $"{Hooks}.Step({id}, {values}); ";
    }

    private static string Expression(string name) =>
        name == "this" ? "this" : name.StartsWith("this.", StringComparison.Ordinal) ? "this." + Expression(name[5..]) : SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private int LineOf(SyntaxNode node) => _tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;

    private T WithNames<T>(IEnumerable<string> names, Func<T> visit)
    {
        _scopes.Add([.. names]);
        try
        {
            return visit();
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
        }
    }
}
