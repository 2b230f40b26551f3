using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SftpInteractive.Scripting;

/// <summary>
/// The libraries one engine session compiled from its cells' declarations (<see cref="CellSplitter"/>). Each is an
/// ordinary DLL compiled against the session's references and the libraries before it, with the using directives of
/// every earlier cell, loaded by <see cref="CellLibraryLoader"/> and referenced by the cell's script part and every
/// later cell.
/// <para>Redefinition: when two referenced assemblies define one type name, C# reports CS0433, and a submission keeps
/// the references of the ones before it, so dropping a reference hides nothing. What Roslyn does allow is a newer
/// version of an assembly's simple name superseding the older one (measured: <c>p.Name</c> on an object of the old
/// type still binds, while <c>Person</c> names the newest). So when a cell declares again a type an earlier library
/// holds, that library is superseded by the next version of its name, rebuilt without the redefined types (empty when
/// none is left), and so is every library that uses a superseded one (a class deriving from the redefined one then
/// derives from the new one). Objects made from the old types keep working; new code sees the new ones.</para>
/// </summary>
internal sealed partial class CellLibraries
{
    private static int _sessions;

    // Doc comments are parsed so completion and inspect show a cell type's summary, as they did for script types.
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular);
    private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: false, concurrentBuild: false);

    private readonly string _prefix = "sftpi-cells" + Interlocked.Increment(ref _sessions).ToString(CultureInfo.InvariantCulture);
    private readonly List<string> _usings = [];
    private readonly ConcurrentDictionary<MetadataReference, bool> _own = new(); // an abandoned submission may still build
    private readonly List<CellLibrary> _built = [];
    private readonly Dictionary<string, string> _scripts = new(StringComparer.Ordinal);
    private IReadOnlyList<CellLibrary> _visible = [];
    private int _count;

    /// <summary>True once any cell's declarations were compiled (the session's scripts depend on libraries).</summary>
    public bool Any => _count > 0;

    /// <summary>References to the libraries later code sees.</summary>
    public IEnumerable<MetadataReference> References => _visible.Select(l => l.Reference);

    /// <summary>Whether <paramref name="reference"/> is one of this session's libraries (old or current).</summary>
    public bool IsOwn(MetadataReference reference) => _own.ContainsKey(reference);

    /// <summary>Compiles the library part of <paramref name="cell"/> against <paramref name="references"/> (the
    /// session's, without its libraries) and loads it; nothing changes for later cells until <see cref="Commit"/>.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="references">The session's references.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <param name="rewrite">Rewrites the library's tree first (the debugger's instrumentation); when the rewritten
    /// tree does not compile, the library is compiled as written.</param>
    public LibraryBuild Build(CellParts cell, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken, Func<SyntaxTree, SyntaxTree>? rewrite = null)
    {
        var name = $"{_prefix}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";
        var source = new CellLibrarySource(cell.Library, [.. EarlierUsings(cell)]);
        var (library, errors, tree) = Compile(name, new Version(1, 0, 0, 0), source, [.. references, .. References], cancellationToken, rewrite);
        if (library is null && rewrite is not null)
        {
            (library, errors, tree) = Compile(name, new Version(1, 0, 0, 0), source, [.. references, .. References], cancellationToken);
        }

        return library is null
            ? new LibraryBuild(_visible, [], Failure(cell, tree, errors), [])
            : Supersede(library, references, cancellationToken);
    }

    /// <summary>True when a redefinition rebuilt a library: several versions of one name are loaded, which a stored
    /// script's single load context cannot hold (<see cref="CompiledScriptCache"/>).</summary>
    public bool Rebuilt => _built.Any(l => l.Version.Revision > 0);

    /// <summary>Every library the cells that ran compiled, in order (for <see cref="CompiledScriptCache"/>).</summary>
    public IReadOnlyList<CompiledLibrary> Compiled => [.. _built.Select(l => new CompiledLibrary(l.Name, l.Image))];

    /// <summary>The code Roslyn compiled for the cell <paramref name="code"/> (its script part when it declared types).</summary>
    public string CompiledCode(string code) => _scripts.GetValueOrDefault(code, code);

    /// <summary>Makes the libraries of a cell that ran visible to later cells, and remembers its using directives.</summary>
    public void Commit(CellParts? cell, LibraryBuild? build, ImmutableArray<string> usings)
    {
        if (cell is not null && build is not null)
        {
            // An empty library (a hider) only has to be referenced once: a submission keeps the references of the ones
            // before it, so the hider goes on superseding the old version without growing every later compilation.
            _visible = [.. build.Visible.Where(l => !l.TypeNames.IsEmpty)];
            _built.AddRange(build.Built);
            _scripts[cell.Cell] = cell.Script;
        }

        foreach (var directive in usings.Where(u => !_usings.Contains(u)))
        {
            _usings.Add(directive);
        }
    }

    /// <summary>Compiles, emits and loads one library; on errors returns them (in <paramref name="source"/>'s tree)
    /// and loads nothing. An earlier cell's using that no longer resolves (its namespace was redefined away) is left out
    /// rather than failing every later cell.</summary>
    private (CellLibrary? Library, List<Diagnostic> Errors, SyntaxTree Tree) Compile(string name, Version version, CellLibrarySource source,
        IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken, Func<SyntaxTree, SyntaxTree>? rewrite = null)
    {
        var tree = CSharpSyntaxTree.ParseText(source.Text, ParseOptions, cancellationToken: cancellationToken);
        tree = rewrite?.Invoke(tree) ?? tree;
        var usings = source.Usings.ToList();
        while (true)
        {
            var header = CSharpSyntaxTree.ParseText(Header(usings, version), ParseOptions, cancellationToken: cancellationToken);
            var compilation = CSharpCompilation.Create(name, [tree, header], references, CompilationOptions);
            // Emit reports every error GetDiagnostics would; asking both binds every method body twice.
            var (image, documentation, errors) = Emit(compilation, cancellationToken);
            var stale = errors.Where(d => d.Location.SourceTree == header).Select(d => d.Location.GetLineSpan().StartLinePosition.Line).Where(l => l < usings.Count).ToHashSet();
            if (stale.Count > 0)
            {
                // The header has one using per line. A default import may name a type (script imports take both
                // namespaces and types): it gets a second chance as a static using before it is left out.
                usings = [.. usings.Select((u, line) => !stale.Contains(line) ? u : AsStatic(u)).OfType<string>()];
                continue;
            }

            if (errors.Count > 0)
            {
                return (null, errors, tree);
            }

            CellLibraryLoader.Load(name, version, image, references.OfType<PortableExecutableReference>().Select(r => r.FilePath).OfType<string>());
            var library = new CellLibrary(name, version, Own(image, documentation), TypeNames(compilation.Assembly.GlobalNamespace),
                Dependencies(image), source with { Usings = usings }, image);
            return (library, errors, tree);
        }
    }

    /// <summary>The session's libraries the emitted <paramref name="image"/> uses (its assembly references).</summary>
    private ImmutableHashSet<string> Dependencies(byte[] image)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(ImmutableArray.Create(image));
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).Where(n => n.StartsWith(_prefix + "-", StringComparison.Ordinal))];
    }

    // Usings of earlier cells apply to later cells in a script; as global usings they apply to the library too. The
    // cell's own (in its tree) win over an earlier one of the same text or alias name.
    private IEnumerable<string> EarlierUsings(CellParts cell)
    {
        var own = cell.Usings.ToHashSet(StringComparer.Ordinal);
        var aliases = cell.Usings.Select(AliasName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return ScriptDefaults.Imports.Select(i => $"using {i};")
            .Concat(_usings)
            .Where(u => !own.Contains(u) && (AliasName(u) is not { } alias || !aliases.Contains(alias)))
            .Distinct(StringComparer.Ordinal);
    }

    private static string? AsStatic(string directive) =>
        directive.StartsWith("using ", StringComparison.Ordinal) && !directive.StartsWith("using static ", StringComparison.Ordinal) && !directive.Contains('=', StringComparison.Ordinal)
            ? "using static " + directive["using ".Length..]
            : null;

    private static string? AliasName(string directive)
    {
        var equals = directive.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? null : directive["using".Length..equals].Replace("static", string.Empty, StringComparison.Ordinal).Trim();
    }

    private static string Header(IEnumerable<string> usings, Version version)
    {
        var text = new StringBuilder();
        foreach (var directive in usings)
        {
            text.Append("global ").Append(directive).Append('\n');
        }

        return text.Append("[assembly: System.Reflection.AssemblyVersion(\"").Append(version).Append("\")]\n").ToString();
    }

    private PortableExecutableReference Own(byte[] image, byte[] documentation)
    {
        var reference = MetadataReference.CreateFromImage(image, documentation: XmlDocumentationProvider.CreateFromBytes(documentation));
        _own[reference] = true;
        return reference;
    }

    private static (byte[] Image, byte[] Documentation, List<Diagnostic> Errors) Emit(CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        using var documentation = new MemoryStream();
        var result = compilation.Emit(output, xmlDocumentationStream: documentation, cancellationToken: cancellationToken);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return result.Success || errors.Count > 0
            ? (output.ToArray(), documentation.ToArray(), errors)
            : throw new InvalidOperationException("The cell's declarations did not emit, and the compiler gave no error.");
    }

    private static SubmissionResult.Failure Failure(CellParts cell, SyntaxTree tree, List<Diagnostic> errors)
    {
        var text = SourceText.From(cell.Cell);
        var diagnostics = errors
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d =>
            {
                var start = d.Location.SourceTree == tree ? cell.ToCellPosition(d.Location.SourceSpan.Start) : 0;
                var position = text.Lines.GetLinePosition(Math.Min(start, text.Length));
                return new ScriptDiagnostic(d.Id, "error", Redactor.Redact(d.GetMessage(CultureInfo.InvariantCulture)),
                    position.Line + 1, position.Character + 1, d.Location.SourceSpan.Length);
            })
            .ToList();
        return ErrorReport.FromDiagnostics(diagnostics);
    }

    private static ImmutableHashSet<string> TypeNames(INamespaceSymbol root)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var pending = new Stack<INamespaceSymbol>([root]);
        while (pending.TryPop(out var ns))
        {
            var prefix = ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString() + ".";
            names.UnionWith(ns.GetTypeMembers().Where(t => !t.IsFileLocal && !t.MetadataName.Contains('<', StringComparison.Ordinal)).Select(t => prefix + t.MetadataName));
            foreach (var inner in ns.GetNamespaceMembers())
            {
                pending.Push(inner);
            }
        }

        return names.ToImmutable();
    }
}
