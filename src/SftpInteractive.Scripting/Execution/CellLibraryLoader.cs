using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace SftpInteractive.Scripting;

/// <summary>
/// Loads the libraries <see cref="CellLibraries"/> compiles and hands them to the runtime when a submission (or another
/// such library) asks for one by name and version. Each library gets a load context of its own: when a later cell
/// redefines a type, a newer version of an earlier library's name (a "hider") is loaded beside the old one, which the
/// objects made from it keep using.
/// </summary>
internal static class CellLibraryLoader
{
    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);
    private static int _hooked;

    /// <summary>Loads <paramref name="image"/>, the library <paramref name="name"/> at <paramref name="version"/>.</summary>
    public static void Load(string name, Version version, byte[] image)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            // Roslyn's submission load context asks the default context first (its own resolver comes last).
            AssemblyLoadContext.Default.Resolving += (_, requested) => Find(requested);
        }

        using var stream = new MemoryStream(image, writable: false);
        Loaded[Key(name, version)] = new LibraryContext(name).LoadFromStream(stream);
    }

    private static Assembly? Find(AssemblyName requested) =>
        requested.Name is { } name && Loaded.TryGetValue(Key(name, requested.Version ?? new Version(0, 0, 0, 0)), out var assembly) ? assembly : null;

    private static string Key(string name, Version version) => $"{name}/{version}";

    private sealed class LibraryContext(string name) : AssemblyLoadContext(name)
    {
        // Earlier libraries by their exact version; everything else (framework, host, packages) from the default context.
        protected override Assembly? Load(AssemblyName assemblyName) => Find(assemblyName);
    }
}
