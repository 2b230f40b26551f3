using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>Emits the assemblies of a chain of submissions that ran, for <see cref="CompiledScriptCache"/>.</summary>
internal static class SubmissionEmitter
{
    /// <summary>Every submission of <paramref name="last"/>'s chain, oldest first, compiled; null when the chain is not
    /// exactly <paramref name="history"/> (a warm-up ran before it, a directive was taken out) or does not emit.
    /// <paramref name="compiled"/> gives the code Roslyn compiled for a submission (a cell without the declarations
    /// that went to its library, <see cref="CellSplitter"/>).</summary>
    public static IReadOnlyList<CompiledSubmission>? Emit(Script last, IReadOnlyList<string> history, Func<string, string> compiled, CancellationToken cancellationToken)
    {
        var chain = new List<Script>();
        for (var script = last; script is not null; script = script.Previous)
        {
            chain.Add(script);
        }

        chain.Reverse();
        if (chain.Count != history.Count || chain.Where((s, i) => !string.Equals(s.Code, compiled(history[i]), StringComparison.Ordinal)).Any())
        {
            return null;
        }

        var submissions = new List<CompiledSubmission>(chain.Count);
        foreach (var (script, code) in chain.Zip(history))
        {
            var compilation = script.GetCompilation();
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image, cancellationToken: cancellationToken);
            if (!emitted.Success && emitted.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            if (!emitted.Success)
            {
                // Nothing to emit (only using directives, or a cell whose declarations all went to its library): the
                // compiler gives such a submission no assembly and no state slot, and running it does nothing.
                submissions.Add(new CompiledSubmission(code, [], string.Empty, string.Empty, false));
                continue;
            }

            if (compilation.GetEntryPoint(cancellationToken) is not { } factory)
            {
                return null;
            }

            var type = factory.ContainingType;
            var typeName = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{type.MetadataName}" : type.MetadataName;
            submissions.Add(new CompiledSubmission(code, image.ToArray(), typeName, factory.MetadataName, SubmissionValue.HasValue(compilation)));
        }

        return submissions;
    }
}
