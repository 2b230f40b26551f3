using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>The imports and references every submission starts with, shared by execution and completion so both see
/// the same world.</summary>
internal static class ScriptDefaults
{
    /// <summary>Namespaces imported into every submission.</summary>
    public static readonly ImmutableArray<string> Imports =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks",
        "System.Text", "SftpInteractive", "SftpInteractive.Widgets",

        // What cells written for Polyglot Notebooks use without a using line. The engine's C# kernel imports System,
        // System.Text, System.Collections(.Generic), System.Threading.Tasks, System.Linq and `using static Kernel` (display,
        // HTML, Javascript, CSS: ScriptGlobals.Notebook here); its older Jupyter mode also imported Formatting (LaTeXString,
        // MathString), and its documentation's cells use Formatter and TabularDataResource as if imported. Not
        // `using static PocketViewTags` (the engine's C# kernel does not either; cells write it): it brings a property
        // named `_`, and `_ = SomethingAsync();` would stop being a discard (CS0200), besides `i`, `b`, `text`, `title`…
        "System.Collections", "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.Formatting.TabularData",
        "Microsoft.DotNet.Interactive.Jupyter.Formatting",
    ];

    // The notebook API's assemblies (Formatting and the IHtmlContent it is built on), found by name in the host's
    // trusted list like the framework: naming a type here would load them at start-up.
    private static readonly string[] NotebookAssemblies = ["Microsoft.DotNet.Interactive.Formatting", "Microsoft.AspNetCore.Html.Abstractions"];

    // ScriptOptions.Default only references CoreLib-level facades, so LINQ, collections, regex and friends would be
    // missing. Framework assemblies come from the trusted platform list (the files the runtime itself loaded from),
    // which is always present, unlike the reference packs that exist only where an SDK is installed.
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Runtime", "System.Private.CoreLib", "netstandard", "System.Linq", "System.Linq.Expressions", "System.Collections",
        "System.Collections.Concurrent", "System.Console", "System.Text.RegularExpressions", "System.Threading",
        "System.Threading.Tasks", "System.Memory", "System.Net.Primitives", "System.Runtime.InteropServices",
        "System.Diagnostics.Process", "System.Text.Json", "System.Security.Cryptography", "System.ComponentModel.Primitives",
        "System.ObjectModel", "System.IO.Compression", "Microsoft.CSharp", "System.Runtime.Numerics", "System.Globalization",
        "System.Text.Encoding.Extensions", "System.Net.Http",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(BuildReferences);

    /// <summary>Metadata references of every submission (framework, SftpInteractive, SSH.NET, this engine).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Script options: references, imports, the file name used in diagnostics and #load resolution.</summary>
    public static ScriptOptions CreateOptions(string baseDirectory) =>
        ScriptOptions.Default
            .WithReferences(References)
            .WithImports(Imports)
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
            .WithAllowUnsafe(false)
            // Line numbers in a runtime error's frames (CellFrames: "Deep(int n) in cell [9], line 1").
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithSourceResolver(new SourceFileResolver([], baseDirectory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory));

    private static ImmutableArray<MetadataReference> BuildReferences()
    {
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var paths = new List<string>();
        foreach (var name in FrameworkAssemblies.Concat(NotebookAssemblies))
        {
            if (tpa.TryGetValue(name, out var path))
            {
                paths.Add(path);
            }
        }

        foreach (var assembly in new[] { typeof(SftpSession).Assembly, typeof(Renci.SshNet.SftpClient).Assembly, typeof(ScriptGlobals).Assembly, typeof(Widgets.Widget).Assembly })
        {
            if (!string.IsNullOrEmpty(assembly.Location))
            {
                paths.Add(assembly.Location);
            }
        }

        return [.. paths.Distinct(StringComparer.Ordinal).Select(Reference)];
    }

    private static MetadataReference Reference(string path)
    {
        // Our own assemblies ship their XML docs beside them; inspect shows those summaries.
        var xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, documentation: XmlDocumentationProvider.CreateFromFile(xml))
            : MetadataReference.CreateFromFile(path);
    }
}
