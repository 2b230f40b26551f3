using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>The engine's side of <see cref="CellLibraries"/>: a cell's type and namespace declarations compiled as a
/// library before its script part, so a cell accepts what a <c>.cs</c> file accepts.</summary>
public sealed partial class ScriptEngine
{
    /// <summary>Splits <paramref name="code"/> and compiles its declarations (no cell and no library when it
    /// declares none), and returns <paramref name="options"/> with the session's libraries. A cell that only declares
    /// types a script accepts too runs as a script when its library part fails to compile (say a class using a
    /// script's <c>static</c> method or constant), so nothing that ran before breaks.</summary>
    private (CellParts? Cell, LibraryBuild? Library, ScriptOptions Options) BuildLibrary(string code, ScriptOptions options, IDisplaySink display, CancellationToken token)
    {
        var cell = CellSplitter.Split(code);
        var build = cell is null ? null : _libraries.Build(cell, SessionReferences(options, cell), token, DebugLibraryRewrite());
        if (build?.Failure is not null && !cell!.NeedsLibrary)
        {
            (cell, build) = (null, null);
        }

        foreach (var note in build?.Notes ?? [])
        {
            display.StandardError.WriteLine(note);
        }

        // Submissions keep earlier submissions' references: adding the current versions lets them supersede older ones.
        var references = build?.Visible.Select(l => l.Reference) ?? _libraries.References;
        return (cell, build, _libraries.Any ? options.AddReferences(references) : options);
    }

    /// <summary>Every reference the session's submissions compile against (<c>#r</c> of earlier cells included),
    /// and the cell's own <c>#r</c> files, without its cell libraries, which <see cref="CellLibraries"/> adds in their
    /// current versions.</summary>
    private List<MetadataReference> SessionReferences(ScriptOptions options, CellParts cell)
    {
        var references = new List<MetadataReference>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new List<IEnumerable<MetadataReference>> { options.MetadataReferences };
        earlier.AddRange(cell.References.Select(file => options.MetadataResolver.ResolveReference(file, null, MetadataReferenceProperties.Assembly).Cast<MetadataReference>()));
        for (var script = CurrentState?.Script; script is not null; script = script.Previous)
        {
            earlier.Add(script.GetCompilation().References);
        }

        foreach (var reference in earlier.SelectMany(r => r).OfType<PortableExecutableReference>())
        {
            if (!_libraries.IsOwn(reference) && (reference.FilePath is not { } path || paths.Add(path)))
            {
                references.Add(reference);
            }
        }

        return references;
    }
}
