using Microsoft.CodeAnalysis;

namespace SftpInteractive.Generators;

/// <summary>The types a verb's signature is read against, looked up once per compilation.</summary>
internal sealed class VerbTypes(Compilation compilation, INamedTypeSymbol verbAttribute, INamedTypeSymbol group)
{
    private readonly INamedTypeSymbol? _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    private readonly INamedTypeSymbol? _taskOf = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    private readonly INamedTypeSymbol? _token = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    private readonly INamedTypeSymbol? _progress = compilation.GetTypeByMetadataName("System.IProgress`1");
    private readonly INamedTypeSymbol? _transferProgress = compilation.GetTypeByMetadataName("SftpInteractive.TransferProgress");

    /// <summary><c>[Verb]</c>.</summary>
    public INamedTypeSymbol VerbAttribute { get; } = verbAttribute;

    /// <summary><c>VerbGroup</c>, to write a group back by name.</summary>
    public INamedTypeSymbol Group { get; } = group;

    /// <summary><c>[RemotePath]</c>.</summary>
    public INamedTypeSymbol? RemotePathAttribute { get; } = compilation.GetTypeByMetadataName("SftpInteractive.RemotePathAttribute");

    public bool IsCancellationToken(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type, _token);

    /// <summary>A transfer's progress sink, which the verbs fill from the running host.</summary>
    public bool IsTransferProgress(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _progress)
        && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], _transferProgress);

    /// <summary><c>Task</c> (null result) or <c>Task&lt;T&gt;</c> (<c>T</c>); false for anything else.</summary>
    public bool IsTask(ITypeSymbol type, out ITypeSymbol? result)
    {
        result = null;
        if (SymbolEqualityComparer.Default.Equals(type, _task))
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _taskOf))
        {
            result = named.TypeArguments[0];
            return true;
        }

        return false;
    }
}
