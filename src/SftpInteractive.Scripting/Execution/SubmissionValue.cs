using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting;

/// <summary>Whether a submission ends with a value-producing expression (<c>6*7</c>, <c>Ls()</c>) rather than a
/// statement or a void call (<c>Rm("x")</c>), so hosts print results only when there is one.</summary>
internal static class SubmissionValue
{
    public static bool HasValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root ||
            root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void && type.Name != "Task" || type is INamedTypeSymbol { IsGenericType: true };
    }

    /// <summary>The element names of the tuples a trailing sequence holds (<c>List&lt;(string Region, int Files)&gt;</c>:
    /// Region, Files), or null. They exist only in the compiler: at run time the fields are Item1, Item2…</summary>
    public static IReadOnlyList<string>? TupleNames(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root ||
            root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
        {
            return null;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        var element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol named => named.AllInterfaces.Prepend(named)
                .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0],
            _ => null,
        };
        return element is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Any(e => e.IsExplicitlyNamedTupleElement || e.Name != e.CorrespondingTupleField?.Name)
            ? [.. tuple.TupleElements.Select(e => e.Name)]
            : null;
    }
}
