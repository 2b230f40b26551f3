using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting.Tests.Polyglot;

/// <summary>
/// Submissions the way .NET Interactive's C# kernel runs a notebook's cells after <c>#r "nuget: SftpInteractive"</c>:
/// plain Roslyn scripts chained one after another, no globals (none of our helper's preloaded verbs), only the
/// package's assembly and the framework referenced and a handful of default namespaces imported.
/// </summary>
internal sealed class BareCSharpKernel
{
    private static readonly string[] DefaultImports = ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly Lazy<ScriptOptions> Options = new(() => ScriptOptions.Default
        .WithReferences(References())
        .WithImports(DefaultImports)
        .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));

    private Script<object>? _last;

    /// <summary>Compiles <paramref name="code"/> as the next submission; the compiler's errors, or none.</summary>
    public IReadOnlyList<Diagnostic> Compile(string code)
    {
        var script = _last is null ? CSharpScript.Create(code, Options.Value) : _last.ContinueWith(code, Options.Value);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            _last = script;
        }

        return errors;
    }

    private static IEnumerable<MetadataReference> References()
    {
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return tpa.Where(p => Path.GetFileNameWithoutExtension(p) is var name
                              && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib" or "Microsoft.CSharp"))
            .Append(typeof(Sftp).Assembly.Location)
            .Append(typeof(Renci.SshNet.SftpClient).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
    }
}
