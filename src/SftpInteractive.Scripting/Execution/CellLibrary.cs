using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SftpInteractive.Scripting;

/// <summary>One library compiled from a cell's declarations (or a hider: an empty newer version of an earlier
/// library's name, which hides that library's types from later cells once they are all declared again).</summary>
/// <param name="Name">The assembly's simple name, unique in the process.</param>
/// <param name="Version">Its version; a hider has the next one.</param>
/// <param name="Reference">What later compilations reference.</param>
/// <param name="TypeNames">Metadata names of its top-level types (empty for a hider).</param>
internal sealed record CellLibrary(string Name, Version Version, MetadataReference Reference, ImmutableHashSet<string> TypeNames);
