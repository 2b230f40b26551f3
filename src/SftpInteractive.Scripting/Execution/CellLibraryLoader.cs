using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace SftpInteractive.Scripting;

/// <summary>
/// Loads the libraries <see cref="CellLibraries"/> compiles and hands them to the runtime when a submission (or another
/// such library) asks for one by name and version. Each library gets a load context of its own: when a later cell
/// redefines a type, a newer version of an earlier library's name is loaded beside the old one, which the objects made
/// from it keep using.
/// </summary>
internal static class CellLibraryLoader
{
    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock FileGate = new();
    private static int _hooked;

    /// <summary>Loads <paramref name="image"/>, the library <paramref name="name"/> at <paramref name="version"/>;
    /// <paramref name="files"/> are the files it was compiled against (<c>#r</c> assemblies among them).</summary>
    public static void Load(string name, Version version, byte[] image, IEnumerable<string> files)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            // Roslyn's submission load context asks the default context first (its own resolver comes last).
            AssemblyLoadContext.Default.Resolving += (_, requested) => Find(requested);
        }

        foreach (var file in files)
        {
            Files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }

        using var stream = new MemoryStream(image, writable: false);
        Loaded[Key(name, version)] = new LibraryContext(name).LoadFromStream(stream);
    }

    private static Assembly? Find(AssemblyName requested) =>
        requested.Name is { } name && Loaded.TryGetValue(Key(name, requested.Version ?? new Version(0, 0, 0, 0)), out var assembly) ? assembly : null;

    /// <summary>An assembly of a <c>#r</c> file: the copy already loaded (Roslyn's script loader loads those in
    /// contexts of its own), so the library and the submissions share its types; else loaded from the file into the
    /// default context, which Roslyn's loader asks first.</summary>
    private static Assembly? FindReferenced(AssemblyName requested)
    {
        if (requested.Name is not { } name || !Files.TryGetValue(name, out var file))
        {
            return null;
        }

        lock (FileGate)
        {
            var loaded = AssemblyLoadContext.All.SelectMany(c => c.Assemblies)
                .FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
            return loaded ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
        }
    }

    private static string Key(string name, Version version) => $"{name}/{version}";

    private sealed class LibraryContext : AssemblyLoadContext
    {
        // Earlier libraries by their exact version; then the default context (framework, host, packages); last the
        // #r files, which only Roslyn's loader knows.
        public LibraryContext(string name)
            : base(name) => Resolving += (_, requested) => FindReferenced(requested);

        protected override Assembly? Load(AssemblyName assemblyName) => Find(assemblyName);
    }
}
