using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>Which names a statement declares that later statements may read: only definitely assigned ones (an
/// initialized local, an <c>out var</c> of an expression statement, a deconstruction), never a <c>ref</c> local or a
/// span (neither can be boxed).</summary>
internal sealed partial class DebugRewriter
{
    private void Declare(StatementSyntax statement)
    {
        var scope = _scopes[^1];
        switch (statement)
        {
            case LocalDeclarationStatementSyntax local when local.Declaration.Type is not RefTypeSyntax && !IsSpan(local.Declaration.Type)
                && !local.Modifiers.Any(m => m.IsKind(SyntaxKind.ScopedKeyword)):
                foreach (var variable in local.Declaration.Variables)
                {
                    if (variable.Initializer is { Value: var value } && value is not StackAllocArrayCreationExpressionSyntax and not ImplicitStackAllocArrayCreationExpressionSyntax
                        && value is not RefExpressionSyntax)
                    {
                        Add(scope, variable.Identifier.ValueText);
                    }
                }

                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                if (expression is AssignmentExpressionSyntax { Left: var left } assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    foreach (var name in Designated(left))
                    {
                        Add(scope, name);
                    }
                }

                foreach (var argument in expression.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax).OfType<ArgumentSyntax>())
                {
                    if (argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && argument.Expression is DeclarationExpressionSyntax declaration)
                    {
                        foreach (var name in Designated(declaration))
                        {
                            Add(scope, name);
                        }
                    }
                }

                break;
        }
    }

    private void DeclareField(FieldDeclarationSyntax field)
    {
        if (field.Declaration.Type is RefTypeSyntax || IsSpan(field.Declaration.Type))
        {
            return;
        }

        foreach (var variable in field.Declaration.Variables.Where(v => v.Initializer is not null))
        {
            Add(_scopes[^1], variable.Identifier.ValueText);
        }
    }

    private static void Add(List<string> scope, string name)
    {
        if (name.Length > 0 && name != "_")
        {
            scope.Add(name);
        }
    }

    /// <summary>The names a deconstruction or declaration expression introduces (<c>var (a, b)</c>, <c>(var a, int b)</c>).</summary>
    private static IEnumerable<string> Designated(ExpressionSyntax expression) => expression switch
    {
        DeclarationExpressionSyntax declaration => Designations(declaration.Designation),
        TupleExpressionSyntax tuple => tuple.Arguments.SelectMany(a => Designated(a.Expression)),
        _ => [],
    };

    private static IEnumerable<string> Designations(VariableDesignationSyntax designation) => designation switch
    {
        SingleVariableDesignationSyntax single => [single.Identifier.ValueText],
        ParenthesizedVariableDesignationSyntax list => list.Variables.SelectMany(Designations),
        _ => [],
    };

    private static bool IsSpan(TypeSyntax? type) => type?.ToString() is { } text && text.Contains("Span<", StringComparison.Ordinal);
}
