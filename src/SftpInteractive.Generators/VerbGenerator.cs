using System.Text;
using Microsoft.CodeAnalysis;

namespace SftpInteractive.Generators;

/// <summary>
/// Derives every form of a verb from its one definition. A verb is an operation of <c>SftpSession</c> marked
/// <c>[Verb(group, description)]</c>: an async method <c>XAsync(..., CancellationToken)</c> or an instant one
/// (<c>Pwd()</c>). From it this generator writes
/// <list type="bullet">
/// <item>the session's synchronous form <c>X(...)</c> (<c>SftpSession.Verbs.g.cs</c>);</item>
/// <item>the preloaded verb <c>SftpVerbs.X(...)</c> with its <c>[Verb]</c> and <c>SftpVerbs.XAsync(...)</c>, both
/// acting on the current session, a transfer's <c>IProgress&lt;TransferProgress&gt;</c> filled by the running host's
/// progress display (<c>SftpVerbs.Session.g.cs</c>);</item>
/// <item>the body of each <c>partial</c> synchronous declaration in <c>SftpVerbs</c> (<c>Connect(...)</c>) from its
/// async sibling.</item>
/// </list>
/// XML docs and <c>[RemotePath]</c> marks travel with each form, so completion, inspection, <c>Help()</c> and the
/// notebook forwarders (which read the verbs by reflection) see the same text. A member written by hand wins: nothing
/// is generated where one of the same name and parameters exists.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VerbGenerator : IIncrementalGenerator
{
    private const string Namespace = "SftpInteractive";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, static (output, compilation) => Generate(output, compilation));

    private static void Generate(SourceProductionContext output, Compilation compilation)
    {
        var session = compilation.GetTypeByMetadataName(Namespace + ".SftpSession");
        var verbs = compilation.GetTypeByMetadataName(Namespace + ".SftpVerbs");
        var verbAttribute = compilation.GetTypeByMetadataName(Namespace + ".VerbAttribute");
        var group = compilation.GetTypeByMetadataName(Namespace + ".VerbGroup");
        if (session is null || verbs is null || verbAttribute is null || group is null || !session.Locations.Any(l => l.IsInSource))
        {
            return;
        }

        var types = new VerbTypes(compilation, verbAttribute, group);
        var operations = session.GetMembers().OfType<IMethodSymbol>()
            .Select(m => Operation.From(m, types, output.CancellationToken))
            .Where(o => o is not null)
            .Select(o => o!)
            .ToList();

        output.AddSource("SftpSession.Verbs.g.cs", SessionSource(session, operations));
        output.AddSource("SftpVerbs.Session.g.cs", VerbsSource(verbs, operations, types, output));
    }

    private static string SessionSource(INamedTypeSymbol session, List<Operation> operations)
    {
        var code = Header("SftpSession");
        foreach (var operation in operations.Where(o => o.IsAsync && !Declares(session, o.SyncName, o.SyncParameters)))
        {
            code.Append(operation.Docs("    ", operation.SyncParameters));
            code.Append("    public ").Append(operation.SyncReturnType).Append(' ').Append(operation.SyncName)
                .Append('(').Append(CSharpText.Declare(operation.SyncParameters, operation.RemotePaths)).Append(") =>\n        ")
                .Append(operation.Method.Name).Append('(').Append(CSharpText.Pass(operation.SyncParameters)).Append(").GetAwaiter().GetResult();\n\n");
        }

        return Footer(code);
    }

    private static string VerbsSource(INamedTypeSymbol verbs, List<Operation> operations, VerbTypes types, SourceProductionContext output)
    {
        var code = Header("SftpVerbs");
        foreach (var operation in operations)
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            if (!operation.IsAsync)
            {
                if (!Declares(verbs, operation.SyncName, operation.SyncParameters))
                {
                    code.Append(operation.Docs("    ", operation.SyncParameters));
                    code.Append("    ").Append(operation.Attribute).Append('\n');
                    code.Append("    public ").Append(operation.SyncReturnType).Append(' ').Append(operation.SyncName)
                        .Append('(').Append(CSharpText.Declare(operation.SyncParameters, operation.RemotePaths)).Append(") => ")
                        .Append(operation.SessionCall("Session", operation.SyncParameters)).Append(";\n\n");
                }

                continue;
            }

            var asyncName = operation.SyncName + "Async";
            var asyncWritten = Declares(verbs, asyncName, operation.VerbAsyncParameters);
            if (!Declares(verbs, operation.SyncName, operation.SyncParameters))
            {
                var viaAsync = asyncWritten && verbs.GetMembers(asyncName).OfType<IMethodSymbol>().Any(m => m.ReturnType.Name != "Task")
                    ? operation.SessionCall("Session", operation.SyncParameters)
                    : asyncName + "(" + CSharpText.Pass(operation.SyncParameters) + ")";
                code.Append(operation.Docs("    ", operation.SyncParameters));
                code.Append("    ").Append(operation.Attribute).Append('\n');
                code.Append("    public ").Append(operation.SyncReturnType).Append(' ').Append(operation.SyncName)
                    .Append('(').Append(CSharpText.Declare(operation.SyncParameters, operation.RemotePaths)).Append(") =>\n        ")
                    .Append(viaAsync).Append(".GetAwaiter().GetResult();\n\n");
            }

            if (!asyncWritten)
            {
                code.Append(operation.Docs("    ", operation.VerbAsyncParameters));
                code.Append("    public ").Append(CSharpText.Type(operation.Method.ReturnType)).Append(' ').Append(asyncName)
                    .Append('(').Append(CSharpText.Declare(operation.VerbAsyncParameters, operation.RemotePaths)).Append(") =>\n        ")
                    .Append(operation.SessionCall("Session", operation.VerbAsyncParameters)).Append(";\n\n");
            }
        }

        foreach (var partial in verbs.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsPartialDefinition && m.PartialImplementationPart is null))
        {
            code.Append(PartialSync(verbs, partial, types));
        }

        return Footer(code);
    }

    /// <summary>The body of a declared <c>partial</c> synchronous form: its async sibling, waited for.</summary>
    private static string PartialSync(INamedTypeSymbol type, IMethodSymbol partial, VerbTypes types)
    {
        var sibling = type.GetMembers(partial.Name + "Async").OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.Parameters.Length == partial.Parameters.Length + 1 && types.IsCancellationToken(m.Parameters.Last().Type)
            && m.Parameters.Take(partial.Parameters.Length).Select(p => p.Type).SequenceEqual(partial.Parameters.Select(p => p.Type), SymbolEqualityComparer.Default));
        if (sibling is null)
        {
            return "#error " + partial.Name + " is declared partial but has no " + partial.Name + "Async(..., CancellationToken) to wait for\n";
        }

        // The defaults are repeated (CS1066: they do nothing here) so the implementing part reads as the declared one.
        return "#pragma warning disable CS1066\n    public partial " + CSharpText.Type(partial.ReturnType) + " " + partial.Name + "(" +
               CSharpText.Declare(partial.Parameters, p => false) + ") =>\n        " + sibling.Name + "(" +
               CSharpText.Pass(partial.Parameters) + ").GetAwaiter().GetResult();\n#pragma warning restore CS1066\n\n";
    }

    /// <summary>True when <paramref name="type"/> already declares (by hand) a member named <paramref name="name"/>
    /// taking <paramref name="parameters"/>' types.</summary>
    private static bool Declares(INamedTypeSymbol type, string name, IReadOnlyList<IParameterSymbol> parameters) =>
        type.GetMembers(name).Any(m => m switch
        {
            IMethodSymbol method => method.Parameters.Select(p => p.Type).SequenceEqual(parameters.Select(p => p.Type), SymbolEqualityComparer.Default),
            IPropertySymbol => parameters.Count == 0,
            _ => false,
        });

    private static StringBuilder Header(string type) => new StringBuilder()
        .Append("// <auto-generated>Written by SftpInteractive.Generators.VerbGenerator from the [Verb] operations of SftpSession; edit those, not this.</auto-generated>\n")
        .Append("#nullable enable\n\nnamespace ").Append(Namespace).Append(";\n\n")
        .Append(type == "SftpSession" ? "public sealed partial class " : "public partial class ").Append(type).Append("\n{\n");

    private static string Footer(StringBuilder code) => code.ToString().TrimEnd('\n') + "\n}\n";
}
