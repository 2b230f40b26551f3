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
/// holds, that library is superseded by a hider, an empty assembly of its name and the next version; objects made
/// from the old types keep working, new code sees the new ones.</para>
/// </summary>
internal sealed class CellLibraries
{
    private static int _sessions;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);
    private static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: false, concurrentBuild: false);

    private readonly string _prefix = "sftpi-cells" + Interlocked.Increment(ref _sessions).ToString(CultureInfo.InvariantCulture);
    private readonly List<string> _usings = [];
    private readonly HashSet<MetadataReference> _own = [];
    private IReadOnlyList<CellLibrary> _visible = [];
    private int _count;

    /// <summary>True once any cell's declarations were compiled (the session's scripts depend on libraries).</summary>
    public bool Any => _count > 0;

    /// <summary>References to the libraries later code sees.</summary>
    public IEnumerable<MetadataReference> References => _visible.Select(l => l.Reference);

    /// <summary>Whether <paramref name="reference"/> is one of this session's libraries (old or current).</summary>
    public bool IsOwn(MetadataReference reference) => _own.Contains(reference);

    /// <summary>Compiles the library part of <paramref name="cell"/> against <paramref name="references"/> (the
    /// session's, without its libraries) and loads it; nothing changes for later cells until <see cref="Commit"/>.</summary>
    public LibraryBuild Build(CellParts cell, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
    {
        var name = $"{_prefix}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";
        var version = new Version(1, 0, 0, 0);
        var tree = CSharpSyntaxTree.ParseText(cell.Library, ParseOptions, cancellationToken: cancellationToken);
        var usings = EarlierUsings(cell).ToList();
        var all = references.Concat(References).ToList();
        while (true)
        {
            var header = CSharpSyntaxTree.ParseText(Header(usings, version), ParseOptions, cancellationToken: cancellationToken);
            var compilation = CSharpCompilation.Create(name, [tree, header], all, CompilationOptions);
            var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            // The header has one using per line: an earlier cell's using that no longer resolves (its namespace was
            // hidden by a redefinition) is left out rather than failing every later cell.
            var stale = errors.Where(d => d.Location.SourceTree == header).Select(d => d.Location.GetLineSpan().StartLinePosition.Line).Where(l => l < usings.Count).ToHashSet();
            if (stale.Count > 0)
            {
                usings = [.. usings.Where((_, line) => !stale.Contains(line))];
                continue;
            }

            if (errors.Count > 0)
            {
                return new LibraryBuild(_visible, [], Failure(cell, tree, errors));
            }

            var image = Emit(compilation, cancellationToken);
            CellLibraryLoader.Load(name, version, image);
            var library = new CellLibrary(name, version, Own(image), TypeNames(compilation.Assembly.GlobalNamespace));
            return Supersede(library, references, cancellationToken);
        }
    }

    /// <summary>Makes the libraries of a cell that ran visible to later cells, and remembers its using directives.</summary>
    public void Commit(LibraryBuild? build, ImmutableArray<string> usings)
    {
        if (build is not null)
        {
            _visible = build.Visible;
        }

        foreach (var directive in usings.Where(u => !_usings.Contains(u)))
        {
            _usings.Add(directive);
        }
    }

    /// <summary>The new library after the earlier ones, each earlier one that defines a type it redefines replaced by
    /// a hider (an empty next version of its name).</summary>
    private LibraryBuild Supersede(CellLibrary library, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
    {
        var visible = new List<CellLibrary>();
        var notes = new List<string>();
        foreach (var earlier in _visible)
        {
            if (!earlier.TypeNames.Overlaps(library.TypeNames))
            {
                visible.Add(earlier);
                continue;
            }

            var version = new Version(1, 0, 0, earlier.Version.Revision + 1);
            var compilation = CSharpCompilation.Create(earlier.Name, [CSharpSyntaxTree.ParseText(Header([], version), ParseOptions, cancellationToken: cancellationToken)], references, CompilationOptions);
            var image = Emit(compilation, cancellationToken);
            CellLibraryLoader.Load(earlier.Name, version, image);
            visible.Add(new CellLibrary(earlier.Name, version, Own(image), []));
            if (earlier.TypeNames.Except(library.TypeNames).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } hidden)
            {
                notes.Add($"Note: {string.Join(", ", hidden)} {(hidden.Count == 1 ? "was" : "were")} declared in one cell with " +
                    $"{string.Join(", ", earlier.TypeNames.Intersect(library.TypeNames).Order(StringComparer.Ordinal))}, which this cell declares again; " +
                    "new code no longer sees " + (hidden.Count == 1 ? "it" : "them") + " (existing objects keep working). Declare " + (hidden.Count == 1 ? "it" : "them") + " again to use " + (hidden.Count == 1 ? "it" : "them") + ".");
            }
        }

        visible.Add(library);
        return new LibraryBuild(visible, notes, null);
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

    private PortableExecutableReference Own(byte[] image)
    {
        var reference = MetadataReference.CreateFromImage(image);
        _own.Add(reference);
        return reference;
    }

    private static byte[] Emit(CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var result = compilation.Emit(output, cancellationToken: cancellationToken);
        return result.Success
            ? output.ToArray()
            : throw new InvalidOperationException("The cell's declarations compiled but did not emit: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
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
