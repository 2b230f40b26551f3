using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>Emits the assemblies of a chain of submissions that ran, for <see cref="CompiledScriptCache"/>.</summary>
internal static class SubmissionEmitter
{
    /// <summary>Every submission of <paramref name="last"/>'s chain, oldest first, compiled; null when the chain is not
    /// exactly <paramref name="history"/> (a warm-up ran before it, a directive was taken out) or does not emit.</summary>
    public static IReadOnlyList<CompiledSubmission>? Emit(Script last, IReadOnlyList<string> history, CancellationToken cancellationToken)
    {
        var chain = new List<Script>();
        for (var script = last; script is not null; script = script.Previous)
        {
            chain.Add(script);
        }

        chain.Reverse();
        if (chain.Count != history.Count || chain.Where((s, i) => !string.Equals(s.Code, history[i], StringComparison.Ordinal)).Any())
        {
            return null;
        }

        var submissions = new List<CompiledSubmission>(chain.Count);
        foreach (var script in chain)
        {
            var compilation = script.GetCompilation();
            if (compilation.GetEntryPoint(cancellationToken) is not { } factory)
            {
                return null;
            }

            using var image = new MemoryStream();
            if (!compilation.Emit(image, cancellationToken: cancellationToken).Success)
            {
                return null;
            }

            var type = factory.ContainingType;
            var typeName = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{type.MetadataName}" : type.MetadataName;
            submissions.Add(new CompiledSubmission(script.Code, image.ToArray(), typeName, factory.MetadataName, SubmissionValue.HasValue(compilation)));
        }

        return submissions;
    }
}
