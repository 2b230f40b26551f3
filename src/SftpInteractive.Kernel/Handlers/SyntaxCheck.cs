using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Kernel.Handlers;

/// <summary>
/// The is_complete answer. The engine decides complete or incomplete; a complete submission that still has syntax
/// errors is <c>invalid</c> (the front end then runs it and shows the compiler's error at once instead of waiting for
/// more lines). Incomplete code gets an indent of four spaces per open brace.
/// </summary>
internal static class SyntaxCheck
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static (string Status, string Indent) Classify(string code, bool engineSaysComplete)
    {
        if (!engineSaysComplete)
        {
            return ("incomplete", Indent(code));
        }

        var tree = CSharpSyntaxTree.ParseText(code, Script);
        var invalid = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return (invalid ? "invalid" : "complete", string.Empty);
    }

    /// <summary>C#'s version as users name it, e.g. 14.0.</summary>
    public static string LanguageVersionText => LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();

    private static string Indent(string code)
    {
        var depth = 0;
        foreach (var token in CSharpSyntaxTree.ParseText(code, Script).GetRoot().DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.OpenBraceToken) && !token.IsMissing)
            {
                depth++;
            }
            else if (token.IsKind(SyntaxKind.CloseBraceToken) && !token.IsMissing)
            {
                depth--;
            }
        }

        return new string(' ', 4 * Math.Max(0, depth));
    }
}
