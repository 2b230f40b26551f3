using System.Reflection;
using System.Text;

namespace SftpInteractive.Interactive;

/// <summary>
/// The C# submission that preloads the verbs into .NET Interactive's C# kernel. That kernel runs cells as Roslyn
/// scripts without a globals object, so each verb of <see cref="SftpVerbs"/> (and its <c>...Async</c> form) becomes a
/// top-level method forwarding to one <see cref="SftpVerbs"/> instance — generated from the type itself, so the
/// notebook's surface is exactly the REPL's and the kernel's, with no list to keep in step.
/// </summary>
internal static class VerbPreamble
{
    /// <summary>The name of the notebook variable holding the verbs' instance.</summary>
    public const string VariableName = "__sftpi";

    /// <summary>The members that are verbs: those with a <see cref="VerbAttribute"/> and their <c>...Async</c> forms.</summary>
    public static IEnumerable<MemberInfo> Members(Type verbType)
    {
        var verbs = VerbCatalog.For(verbType).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        return verbType.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is MethodInfo { IsSpecialName: false } or PropertyInfo)
            .Where(m => verbs.Contains(m.Name) || (m.Name.EndsWith("Async", StringComparison.Ordinal) && verbs.Contains(m.Name[..^"Async".Length])));
    }

    /// <summary>The submission that references the verbs' assembly. The engine has referenced the core package already
    /// (<c>#r "nuget:"</c>); naming its file again makes the extension work in a kernel created in process, and is a
    /// no-op otherwise.</summary>
    public static string Reference(Type verbType) =>
        verbType.Assembly.Location is { Length: > 0 } location ? $"#r \"{location}\"" : string.Empty;

    /// <summary>The submission declaring the verbs (after <see cref="VariableName"/> holds the instance).</summary>
    public static string Generate(Type verbType)
    {
        var nullability = new NullabilityInfoContext();
        var code = new StringBuilder();
        code.Append("#nullable enable\nusing System.Threading;\nusing SftpInteractive;\n");
        foreach (var member in Members(verbType))
        {
            code.Append(member switch
            {
                MethodInfo method => Method(method, nullability),
                PropertyInfo property => $"{CSharpSignature.TypeName(property.PropertyType, nullability.Create(property))} {property.Name} => {VariableName}.{property.Name};",
                _ => string.Empty,
            }).Append('\n');
        }

        return code.ToString();
    }

    private static string Method(MethodInfo method, NullabilityInfoContext nullability)
    {
        var parameters = method.GetParameters();
        var declared = string.Join(", ", parameters.Select(p => CSharpSignature.Parameter(p, nullability)));
        var passed = string.Join(", ", parameters.Select(p => "@" + p.Name));
        var returns = CSharpSignature.TypeName(method.ReturnType, nullability.Create(method.ReturnParameter));
        return $"{returns} {method.Name}({declared}) => {VariableName}.{method.Name}({passed});";
    }
}
