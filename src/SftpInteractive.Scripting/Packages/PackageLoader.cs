using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Makes restored packages loadable in this process. Roslyn's script loader lets the default load context resolve a
/// submission's references first, so package assemblies are handed out there (one copy per name for the whole process)
/// and native libraries are found in the packages' <c>runtimes/&lt;rid&gt;/native</c> folders when the runtime's own
/// probing misses them (SkiaSharp's <c>libSkiaSharp.so</c>).
/// </summary>
internal static class PackageLoader
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (string Path, Version? Version)> Managed = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<string> NativeDirectories = [];
    private static bool _hooked;

    /// <summary>Decides which file each package assembly is compiled against and loaded from. The host's copy or an
    /// already loaded package's copy wins over another version; <paramref name="notes"/> gets one line for each such
    /// case worth telling (the host's own dependencies, or a package wanting a newer version).</summary>
    public static IReadOnlyList<string> Plan(string package, PackageAssets assets, List<string> notes)
    {
        Hook();
        var references = new List<string>();
        lock (Gate)
        {
            foreach (var file in assets.Assemblies)
            {
                var name = AssemblyName.GetAssemblyName(file);
                var simple = name.Name ?? Path.GetFileNameWithoutExtension(file);
                if (OtherRoslyn(simple, name.Version) is { } roslyn)
                {
                    // Roslyn's assemblies only work with their own version of each other: a package's Visual Basic or
                    // Workspaces 5.0 beside the session's 5.12 breaks completion (MEF loads what it finds) for good.
                    notes.Add($"{package} brings {simple} {name.Version}; not loaded: the session's compiler is Roslyn {roslyn}.");
                }
                else if (HostAssemblies.Find(simple) is { } host)
                {
                    references.Add(host.Path);
                    if (!host.IsFramework && host.Version != name.Version || host.Version < name.Version)
                    {
                        notes.Add($"{package} brings {simple} {name.Version}; kept the host's {host.Version} (the session uses it).");
                    }
                }
                else if (Managed.TryGetValue(simple, out var loaded) && !string.Equals(loaded.Path, file, StringComparison.Ordinal))
                {
                    references.Add(loaded.Path);
                    if (loaded.Version != name.Version)
                    {
                        notes.Add($"{package} brings {simple} {name.Version}; kept the already loaded {loaded.Version}.");
                    }
                }
                else
                {
                    var runtime = assets.RuntimeOverrides.GetValueOrDefault(Path.GetFileName(file), file);
                    Managed[simple] = (runtime, name.Version);
                    references.Add(file);
                }
            }

            NativeDirectories.AddRange(assets.NativeDirectories.Where(d => !NativeDirectories.Contains(d)));
        }

        return references;
    }

    /// <summary>The session's Roslyn version when <paramref name="simple"/> is a Roslyn assembly of another version that
    /// the host does not carry itself (the host's own are kept as for any assembly).</summary>
    private static Version? OtherRoslyn(string simple, Version? version) =>
        simple.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && HostAssemblies.Find(simple) is null
            && HostAssemblies.Find("Microsoft.CodeAnalysis") is { Version: { } roslyn } && roslyn != version
            ? roslyn
            : null;

    private static void Hook()
    {
        lock (Gate)
        {
            if (_hooked)
            {
                return;
            }

            AssemblyLoadContext.Default.Resolving += ResolveManaged;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
            _hooked = true;
        }
    }

    private static Assembly? ResolveManaged(AssemblyLoadContext context, AssemblyName name)
    {
        string? path;
        lock (Gate)
        {
            path = name.Name is { } simple && Managed.TryGetValue(simple, out var entry) ? entry.Path : null;
        }

        return path is null ? null : context.LoadFromAssemblyPath(path);
    }

    private static IntPtr ResolveNative(Assembly assembly, string name)
    {
        string[] directories;
        lock (Gate)
        {
            directories = [.. NativeDirectories];
        }

        foreach (var directory in directories)
        {
            foreach (var candidate in NativeFileNames(name))
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeFileNames(string name)
    {
        var (prefix, suffix) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        yield return name;
        yield return name + suffix;
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            yield return prefix + name + suffix;
        }
    }
}
