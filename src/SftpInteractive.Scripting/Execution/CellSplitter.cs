using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SftpInteractive.Scripting;

/// <summary>
/// Splits a cell with Roslyn's parser into the part a script accepts and the top-level type and namespace declarations,
/// which <see cref="CellLibraries"/> compiles as an ordinary library. Roslyn scripting nests a script's types in its
/// submission class, so it rejects extension methods (CS1109) and namespaces (CS7021); a library has no such limit,
/// and compiling every top-level type there lets one cell's extension methods use another cell's types.
/// </summary>
internal static class CellSplitter
{
    private static readonly string[] Keywords = ["class", "struct", "record", "interface", "enum", "delegate", "namespace"];

    /// <summary>False when <paramref name="code"/> cannot declare a type (most cells): no parse needed.</summary>
    public static bool MayDeclareTypes(string code) => Keywords.Any(k => code.Contains(k, StringComparison.Ordinal));

    /// <summary>The cell's parts, or null when it declares no top-level type or namespace (it runs as a script, as
    /// before) or has syntax errors a script would report just as well.</summary>
    public static CellParts? Split(string code)
    {
        if (!MayDeclareTypes(code))
        {
            return null;
        }

        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions).GetRoot();
        var spans = new List<TextSpan>();
        var types = new List<MemberDeclarationSyntax>();
        foreach (var member in root.Members)
        {
            Collect(member, spans, types);
        }

        if (spans.Count == 0)
        {
            return null;
        }

        var needsLibrary = types.Any(NeedsLibrary) || root.Members.Any(m => m is BaseNamespaceDeclarationSyntax);
        if (!needsLibrary && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var script = Blank(code, spans);
        var kept = root.Usings.Select(u => u.Span).Concat(spans).ToList();
        var library = Blank(code, Complement(code.Length, kept));
        var (text, insertions) = MakePublic(library, types);
        return new CellParts(code, script, text, insertions, needsLibrary, [.. root.Usings.Select(u => u.ToString())],
            [.. root.GetReferenceDirectives().Select(r => r.File.ValueText)]);
    }

    /// <summary>True when <paramref name="tree"/> ends with a file-scoped namespace that declares nothing yet: a line
    /// <c>namespace N;</c> typed at the prompt or piped waits for the declarations that belong to it.</summary>
    public static bool IsOpenNamespace(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax { Members: [.., FileScopedNamespaceDeclarationSyntax { Members.Count: 0 }] };

    /// <summary>The using directives of a cell that declares nothing (they apply to later cells' libraries too).</summary>
    public static ImmutableArray<string> Usings(string code) =>
        !code.Contains("using", StringComparison.Ordinal)
            ? []
            : [.. ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptWorkspace.ParseOptions).GetRoot()).Usings.Select(u => u.ToString())];

    private static void Collect(MemberDeclarationSyntax member, List<TextSpan> spans, List<MemberDeclarationSyntax> types)
    {
        switch (member)
        {
            case FileScopedNamespaceDeclarationSyntax scoped:
                // `namespace N;` holds the declarations after it; statements there stay in the script.
                spans.Add(TextSpan.FromBounds(scoped.SpanStart, scoped.SemicolonToken.Span.End));
                spans.AddRange(scoped.Externs.Select(e => e.Span).Concat(scoped.Usings.Select(u => u.Span)));
                foreach (var inner in scoped.Members.Where(IsDeclaration))
                {
                    spans.Add(WithDocs(inner));
                    AddTypes(inner, types);
                }

                break;
            case var declaration when IsDeclaration(declaration):
                spans.Add(WithDocs(declaration));
                AddTypes(declaration, types);
                break;
        }
    }

    // A declaration's doc comment goes with it (completion and inspect show it); other trivia (#r lines) stays.
    private static TextSpan WithDocs(MemberDeclarationSyntax member) =>
        member.GetLeadingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)) is { RawKind: not 0 } docs
            ? TextSpan.FromBounds(docs.FullSpan.Start, member.Span.End)
            : member.Span;

    private static bool IsDeclaration(MemberDeclarationSyntax member) =>
        member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or NamespaceDeclarationSyntax;

    // Top-level types, also those inside namespaces: their default accessibility (internal) needs changing.
    private static void AddTypes(MemberDeclarationSyntax member, List<MemberDeclarationSyntax> types)
    {
        if (member is NamespaceDeclarationSyntax block)
        {
            foreach (var inner in block.Members)
            {
                AddTypes(inner, types);
            }
        }
        else if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
        {
            types.Add(member);
        }
    }

    private static bool NeedsLibrary(MemberDeclarationSyntax type) =>
        type.DescendantNodes().Any(n =>
            n.IsKind(SyntaxKind.ExtensionBlockDeclaration) ||
            n is MethodDeclarationSyntax { ParameterList.Parameters: [var first, ..] } && first.Modifiers.Any(SyntaxKind.ThisKeyword));

    /// <summary><paramref name="code"/> with every character inside <paramref name="spans"/> that is not a line break
    /// replaced by a space, so lines and columns stay where they were.</summary>
    public static string Blank(string code, IEnumerable<TextSpan> spans)
    {
        var chars = code.ToCharArray();
        foreach (var span in spans)
        {
            for (var i = span.Start; i < span.End; i++)
            {
                if (chars[i] is not ('\r' or '\n'))
                {
                    chars[i] = ' ';
                }
            }
        }

        return new string(chars);
    }

    private static List<TextSpan> Complement(int length, List<TextSpan> kept)
    {
        var result = new List<TextSpan>();
        var at = 0;
        foreach (var span in kept.OrderBy(s => s.Start))
        {
            if (span.Start > at)
            {
                result.Add(TextSpan.FromBounds(at, span.Start));
            }

            at = Math.Max(at, span.End);
        }

        if (at < length)
        {
            result.Add(TextSpan.FromBounds(at, length));
        }

        return result;
    }

    /// <summary>Script types are reachable from every later submission; a library's internal types would not be. So
    /// <c>internal</c> becomes <c>public</c> (same length), and a missing access modifier gets <c>public </c>.</summary>
    private static (string Text, ImmutableArray<int> Insertions) MakePublic(string library, List<MemberDeclarationSyntax> types)
    {
        var chars = library.ToCharArray();
        var insertions = new List<int>();
        foreach (var type in types)
        {
            var modifiers = type.Modifiers;
            if (modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.InternalKeyword)) is { RawKind: not 0 } @internal)
            {
                "public  ".CopyTo(0, chars, @internal.SpanStart, "public  ".Length);
            }
            else if (!modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.FileKeyword))
            {
                insertions.Add(modifiers.Count > 0 ? modifiers[0].SpanStart : Keyword(type).SpanStart);
            }
        }

        insertions.Sort();
        var text = new StringBuilder(chars.Length + (insertions.Count * CellParts.InsertionLength));
        var at = 0;
        foreach (var position in insertions)
        {
            text.Append(chars, at, position - at).Append("public ");
            at = position;
        }

        text.Append(chars, at, chars.Length - at);
        return (text.ToString(), [.. insertions]);
    }

    private static SyntaxToken Keyword(MemberDeclarationSyntax type) => type switch
    {
        TypeDeclarationSyntax t => t.Keyword,
        EnumDeclarationSyntax e => e.EnumKeyword,
        DelegateDeclarationSyntax d => d.DelegateKeyword,
        _ => type.GetFirstToken(),
    };
}
