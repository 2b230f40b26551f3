using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SftpInteractive.Scripting;

/// <summary>
/// Runs the C# compiler's cold paths (parse, bind against the session's references, emit) once on another core while
/// the first submission compiles: most of a first compilation's time is the runtime loading and preparing the
/// compiler's own code, which both then share.
/// </summary>
internal static class CompilerPrimer
{
    private static int _started;

    /// <summary>Starts the priming once per process; it never throws.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1 || Environment.ProcessorCount < 2 || Environment.GetEnvironmentVariable("SFTPI_NO_PRIMER") == "1")
        {
            return;
        }

        _ = Task.Run(Prime);
    }

    private static void Prime()
    {
        try
        {
            var tree = CSharpSyntaxTree.ParseText(
                "using System; using System.Linq; using System.Threading.Tasks; static class P { static async Task<string> M(int[] a) { await Task.Yield(); return a.Select(x => x * 2).Sum().ToString(); } }",
                CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest));
            var compilation = CSharpCompilation.Create("primer", [tree], ScriptDefaults.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var output = new MemoryStream();
            _ = compilation.Emit(output);
        }
#pragma warning disable CA1031 // Priming is an optimisation: a failure only means the first submission pays in full.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
