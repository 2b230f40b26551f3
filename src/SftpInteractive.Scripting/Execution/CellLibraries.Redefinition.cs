using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SftpInteractive.Scripting;

/// <summary>Redefinition: a cell declaring again a type an earlier cell declared supersedes the earlier library.</summary>
internal sealed partial class CellLibraries
{
    /// <summary>The visible libraries once <paramref name="library"/> joins them. Each earlier library that defines a
    /// type it redefines is rebuilt without those types as the next version of its name, and each that uses a rebuilt
    /// one is rebuilt too (in creation order, so dependencies come first), against the new library.</summary>
    private LibraryBuild Supersede(CellLibrary library, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
    {
        var visible = new List<CellLibrary>();
        var rebuilt = new HashSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var built = new List<CellLibrary>();
        foreach (var earlier in _visible)
        {
            var redefined = earlier.TypeNames.Intersect(library.TypeNames);
            if (redefined.Count == 0 && !earlier.Dependencies.Overlaps(rebuilt))
            {
                visible.Add(earlier);
                continue;
            }

            var version = new Version(1, 0, 0, earlier.Version.Revision + 1);
            var source = earlier.Source with { Text = Without(earlier.Source.Text, redefined) };
            var (next, errors, _) = Compile(earlier.Name, version, source, [.. references, .. visible.Select(l => l.Reference), library.Reference], cancellationToken);
            if (next is null)
            {
                // Say a derived class overrides a member the new base no longer has: hide it rather than fail this cell.
                (next, _, _) = Compile(earlier.Name, version, source with { Text = string.Empty }, references, cancellationToken);
                var lost = earlier.TypeNames.Except(redefined).Order(StringComparer.Ordinal).ToList();
                notes.Add($"Note: {string.Join(", ", lost)} from an earlier cell no longer {(lost.Count == 1 ? "compiles" : "compile")} against " +
                    $"what this cell declares ({errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); new code no longer sees " +
                    $"{(lost.Count == 1 ? "it" : "them")} until that cell runs again. Existing objects keep working.");
            }

            visible.Add(next!);
            built.Add(next!);
            rebuilt.Add(earlier.Name);
        }

        visible.Add(library);
        built.Add(library);
        return new LibraryBuild(visible, notes, null, built);
    }

    /// <summary><paramref name="text"/> with the declarations of <paramref name="names"/> blanked (lines kept).</summary>
    private static string Without(string text, ImmutableHashSet<string> names)
    {
        if (names.Count == 0)
        {
            return text;
        }

        var root = CSharpSyntaxTree.ParseText(text, ParseOptions).GetRoot();
        var types = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<MemberDeclarationSyntax>();
        return CellSplitter.Blank(text, types
            .Where(t => t is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && names.Contains(MetadataName(t)))
            .Select(t => t.Span));
    }

    private static string MetadataName(MemberDeclarationSyntax type)
    {
        var (name, arity) = type switch
        {
            TypeDeclarationSyntax t => (t.Identifier.Text, t.TypeParameterList?.Parameters.Count ?? 0),
            EnumDeclarationSyntax e => (e.Identifier.Text, 0),
            DelegateDeclarationSyntax d => (d.Identifier.Text, d.TypeParameterList?.Parameters.Count ?? 0),
            _ => (string.Empty, 0),
        };
        var namespaces = type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString());
        var full = string.Join('.', namespaces.Append(name));
        return arity == 0 ? full : $"{full}`{arity}";
    }
}
