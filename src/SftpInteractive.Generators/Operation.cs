using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace SftpInteractive.Generators;

/// <summary>One <c>[Verb]</c> operation of <c>SftpSession</c>, and the forms derived from it.</summary>
internal sealed class Operation
{
    private readonly VerbTypes _types;
    private readonly string? _docs;

    private Operation(IMethodSymbol method, AttributeData verb, VerbTypes types, CancellationToken cancellationToken)
    {
        _types = types;
        Method = method;
        IsAsync = types.IsTask(method.ReturnType, out var result) && method.Parameters.Length > 0
                  && types.IsCancellationToken(method.Parameters.Last().Type);
        SyncReturnType = IsAsync ? result is null ? "void" : CSharpText.Type(result) : CSharpText.Type(method.ReturnType);
        var sync = verb.NamedArguments.FirstOrDefault(a => a.Key == "Sync").Value.Value as string;
        SyncName = sync ?? (IsAsync && method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name);
        SyncParameters = method.Parameters.Where(p => !types.IsCancellationToken(p.Type) && !types.IsTransferProgress(p.Type)).ToList();
        VerbAsyncParameters = method.Parameters.Where(p => !types.IsTransferProgress(p.Type)).ToList();
        Attribute = AttributeText(verb, types);
        _docs = method.GetDocumentationCommentXml(cancellationToken: cancellationToken);
    }

    public IMethodSymbol Method { get; }

    /// <summary>True for <c>XAsync(..., CancellationToken)</c> returning a task; false for an instant verb.</summary>
    public bool IsAsync { get; }

    /// <summary>The synchronous form's name (<c>[Verb(Sync = ...)]</c>, else the name without <c>Async</c>).</summary>
    public string SyncName { get; }

    public string SyncReturnType { get; }

    /// <summary>The parameters of the synchronous forms: no token, no progress sink.</summary>
    public IReadOnlyList<IParameterSymbol> SyncParameters { get; }

    /// <summary>The parameters of the verbs' async form: the progress sink is the host's.</summary>
    public IReadOnlyList<IParameterSymbol> VerbAsyncParameters { get; }

    /// <summary>The <c>[Verb(...)]</c> the preloaded verb carries.</summary>
    public string Attribute { get; }

    public static Operation? From(IMethodSymbol method, VerbTypes types, CancellationToken cancellationToken)
    {
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var verb = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, types.VerbAttribute));
        return verb is null ? null : new Operation(method, verb, types, cancellationToken);
    }

    public bool RemotePaths(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _types.RemotePathAttribute));

    /// <summary>The session's method called with the parameters in <paramref name="available"/>; a progress sink
    /// comes from the running host's display.</summary>
    public string SessionCall(string receiver, IReadOnlyList<IParameterSymbol> available)
    {
        var names = new HashSet<string>(available.Select(p => p.Name), StringComparer.Ordinal);
        var progress = Method.Parameters.FirstOrDefault(p => _types.IsTransferProgress(p.Type));
        var arguments = Method.Parameters
            .Where(p => names.Contains(p.Name) || SymbolEqualityComparer.Default.Equals(p, progress))
            .Select(p => SymbolEqualityComparer.Default.Equals(p, progress) ? p.Name + ": hostProgress" : p.Name + ": @" + p.Name);
        var call = receiver + "." + Method.Name + "(" + string.Join(", ", arguments) + ")";
        return progress is null ? call : "WithProgressAsync(hostProgress => " + call + ")";
    }

    /// <summary>The operation's XML docs for a form taking <paramref name="parameters"/>: what documents a parameter
    /// the form does not have is left out.</summary>
    public string Docs(string indent, IReadOnlyList<IParameterSymbol> parameters)
    {
        var dropped = new HashSet<string>(Method.Parameters.Select(p => p.Name).Except(parameters.Select(p => p.Name)), StringComparer.Ordinal);
        var text = new StringBuilder();
        XElement? member = null;
        try
        {
            member = string.IsNullOrWhiteSpace(_docs) ? null : XElement.Parse(_docs);
        }
        catch (System.Xml.XmlException)
        {
            // A malformed comment is the compiler's to report (CS1570); the forms then carry the description alone.
        }

        var elements = member?.Elements()
            .Where(e => !(e.Name.LocalName is "param" && dropped.Contains((string?)e.Attribute("name") ?? string.Empty)))
            .Where(e => !e.DescendantsAndSelf("paramref").Any(r => dropped.Contains((string?)r.Attribute("name") ?? string.Empty)))
            .ToList() ?? [];
        if (!elements.Any(e => e.Name.LocalName == "summary"))
        {
            text.Append(indent).Append("/// <summary>").Append(System.Security.SecurityElement.Escape(Description)).Append(".</summary>\n");
        }

        foreach (var element in elements)
        {
            foreach (var line in element.ToString(SaveOptions.DisableFormatting).Split('\n'))
            {
                text.Append(indent).Append("/// ").Append(line.Trim()).Append('\n');
            }
        }

        return text.ToString();
    }

    private string Description { get; set; } = string.Empty;

    private string AttributeText(AttributeData verb, VerbTypes types)
    {
        var group = verb.ConstructorArguments[0].Value;
        var groupName = types.Group.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, group))?.Name;
        Description = verb.ConstructorArguments[1].Value as string ?? string.Empty;
        var text = new StringBuilder("[global::SftpInteractive.Verb(global::SftpInteractive.VerbGroup.")
            .Append(groupName).Append(", ").Append(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Description, quote: true));
        foreach (var named in verb.NamedArguments.Where(a => a.Key != "Sync"))
        {
            text.Append(", ").Append(named.Key).Append(" = ").Append((named.Value.Value is bool flag ? (flag ? "true" : "false") : Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(named.Value.Value?.ToString() ?? string.Empty, quote: true)));
        }

        return text.Append(")]").ToString();
    }
}
