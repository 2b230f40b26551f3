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
}
