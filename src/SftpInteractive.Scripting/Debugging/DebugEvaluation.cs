using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting.Debugging;

/// <summary>
/// An expression evaluated in a stopped frame: a script that first declares each of the frame's locals, typed as its
/// value's runtime type when C# can name it (else <c>object</c>), from <see cref="DebugHooks.Local"/>, then the
/// expression as the script's value. It continues the session's state, so earlier cells' variables and types are
/// there too.
/// </summary>
internal static class DebugEvaluation
{
    private const string MemberPrefix = "this.";

    /// <summary>What <c>this</c> becomes in an evaluated expression.</summary>
    private const string ThisAlias = "__sftpiThis";

    private static readonly AsyncLocal<object?[]?> Values = new();

    public static object? Local(int index) => Values.Value is { } values && index >= 0 && index < values.Length ? values[index] : null;

    /// <summary>Makes <paramref name="values"/> what <see cref="Local"/> reads in the current flow until disposed.</summary>
    public static IDisposable Use(object?[] values)
    {
        var saved = Values.Value;
        Values.Value = values;
        return new Restore(saved);
    }

    /// <summary>The script text and the values it reads. In a method of a class declared in a cell, <c>this</c> is a
    /// local of the object's type and each member the frame captured (<c>this.name</c>) a local of its name, so
    /// <c>count</c>, <c>this.count</c> and <c>this.Name.Length</c> evaluate, private members included.</summary>
    /// <param name="expression">The expression (or statements) to evaluate.</param>
    /// <param name="locals">The frame's values (<see cref="DebugFrame.Scope"/>).</param>
    /// <param name="ofThis">Names that did not bind in a first try and are to be read from <c>this</c> (public members
    /// the class inherits or a record's positional properties).</param>
    public static (string Script, object?[] Values) Build(string expression, IReadOnlyList<(string Name, object? Value)> locals, IReadOnlySet<string>? ofThis = null)
    {
        var text = new StringBuilder();
        var values = new List<object?>();
        var plain = locals.Where(l => SyntaxFacts.IsValidIdentifier(l.Name) && l.Name != "this").ToList();
        foreach (var (name, value) in plain)
        {
            Declare(text, values, name, value);
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in locals)
        {
            if (name.StartsWith(MemberPrefix, StringComparison.Ordinal) && name[MemberPrefix.Length..] is var member && SyntaxFacts.IsValidIdentifier(member))
            {
                // A local of the same name hides the member, as in the method; this.name still reaches it.
                var alias = plain.Exists(l => l.Name == member) ? ThisAlias + "_" + member : member;
                aliases[member] = alias;
                Declare(text, values, alias, value);
            }
        }

        if (locals.FirstOrDefault(l => l.Name == "this") is { Name: not null } self)
        {
            Declare(text, values, ThisAlias, self.Value);
            expression = ThisRewriter.Apply(expression, aliases, ofThis ?? new HashSet<string>());
        }

        text.Append('\n').Append(expression);
        return (text.ToString(), [.. values]);
    }

    /// <summary>A script declaring each of <paramref name="variables"/> (copyToGlobals), and the values it reads.</summary>
    public static (string Script, object?[] Values) Declarations(IReadOnlyList<(string Name, object? Value)> variables)
    {
        var text = new StringBuilder();
        var values = new List<object?>();
        foreach (var (name, value) in variables)
        {
            Declare(text, values, name, value);
        }

        return (text.ToString(), [.. values]);
    }

    private static void Declare(StringBuilder text, List<object?> values, string name, object? value)
    {
        var type = value is null ? "object" : TypeName(value.GetType()) ?? "object";
        text.Append(CultureInfo.InvariantCulture, $"var @{name} = ({type})global::SftpInteractive.Scripting.Debugging.DebugHooks.Local({values.Count}); ");
        values.Add(value);
    }

    /// <summary>How C# names <paramref name="type"/> from a script of the session, or null when it cannot.</summary>
    public static string? TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) is { } element ? element + "[" + new string(',', type.GetArrayRank() - 1) + "]" : null;
        }

        if (type.IsPointer || type.IsByRef || type.IsGenericParameter || type.IsByRefLike || type.Name.Contains('<', StringComparison.Ordinal))
        {
            return null;
        }

        if (type.DeclaringType is { } declaring)
        {
            // A type declared in a script cell is nested in its submission class; later submissions name it simply.
            return declaring.Name.StartsWith("Submission#", StringComparison.Ordinal) && !type.IsGenericType ? type.Name
                : !type.IsGenericType && type.IsNestedPublic && TypeName(declaring) is { } outer ? outer + "." + type.Name
                : null;
        }

        if (!type.IsPublic)
        {
            return null;
        }

        var name = "global::" + (string.IsNullOrEmpty(type.Namespace) ? "" : type.Namespace + ".");
        if (!type.IsGenericType)
        {
            return name + type.Name;
        }

        var arguments = type.GetGenericArguments().Select(TypeName).ToList();
        return arguments.Any(a => a is null) ? null : name + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", arguments) + ">";
    }

    /// <summary>Rewrites <c>this.member</c> to the member's local and any other <c>this</c> to the object's local.</summary>
    private sealed class ThisRewriter(Dictionary<string, string> aliases, IReadOnlySet<string> ofThis) : CSharpSyntaxRewriter
    {
        public static string Apply(string expression, Dictionary<string, string> aliases, IReadOnlySet<string> ofThis)
        {
            var tree = CSharpSyntaxTree.ParseText(expression, ScriptWorkspace.ParseOptions);
            return new ThisRewriter(aliases, ofThis).Visit(tree.GetRoot()).ToFullString();
        }

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node) =>
            node.Expression is ThisExpressionSyntax && aliases.TryGetValue(node.Name.Identifier.ValueText, out var alias) && node.Name is IdentifierNameSyntax
                ? SyntaxFactory.IdentifierName(alias).WithTriviaFrom(node)
                : node.WithExpression((ExpressionSyntax)Visit(node.Expression)); // the name after the dot stays

        public override SyntaxNode? VisitThisExpression(ThisExpressionSyntax node) => SyntaxFactory.IdentifierName(ThisAlias).WithTriviaFrom(node);

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            ofThis.Contains(node.Identifier.ValueText)
                ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(ThisAlias), node.WithoutTrivia()).WithTriviaFrom(node)
                : node;
    }

    private sealed class Restore(object?[]? saved) : IDisposable
    {
        public void Dispose() => Values.Value = saved;
    }
}
