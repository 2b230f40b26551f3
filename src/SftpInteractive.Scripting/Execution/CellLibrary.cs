using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SftpInteractive.Scripting;

/// <summary>One library compiled from a cell's declarations, or a newer version of one (rebuilt without the types a
/// later cell declared again, or against a base type that was redefined; empty when nothing is left).</summary>
/// <param name="Name">The assembly's simple name, unique in the process.</param>
/// <param name="Version">Its version; each rebuild has the next one, which supersedes the older in later cells.</param>
/// <param name="Reference">What later compilations reference.</param>
/// <param name="TypeNames">Metadata names of its top-level types.</param>
/// <param name="Dependencies">The names of the session's other libraries its code uses.</param>
/// <param name="Source">Its cell's library text (cell positions) and the using directives it compiled with.</param>
/// <param name="Image">The emitted assembly (what <see cref="CompiledScriptCache"/> stores).</param>
internal sealed record CellLibrary(string Name, Version Version, MetadataReference Reference, ImmutableHashSet<string> TypeNames,
    ImmutableHashSet<string> Dependencies, CellLibrarySource Source, byte[] Image);

/// <summary>What a <see cref="CellLibrary"/> is compiled from.</summary>
/// <param name="Text">The library part of its cell.</param>
/// <param name="Usings">The using directives of earlier cells it compiled with (as global usings).</param>
internal sealed record CellLibrarySource(string Text, IReadOnlyList<string> Usings);
