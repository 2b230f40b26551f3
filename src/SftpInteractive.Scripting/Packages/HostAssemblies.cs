using System.Reflection;
using NuGet.Packaging.Core;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// The assemblies the host process already has: the trusted platform list (the shared framework plus the host's own
/// dependencies such as Roslyn, SSH.NET and NuGet) and whatever else is loaded. The default load context always binds
/// these names to the host's copy, so a package's copy of one of them could never load: it is referenced from the host.
/// </summary>
internal static class HostAssemblies
{
    private static readonly string FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;

    private static readonly Lazy<Dictionary<string, string>> Trusted = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    // Packages that only describe the framework itself; restoring them for net10.0 brings nothing.
    private static readonly HashSet<string> FrameworkOnlyPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        "NETStandard.Library", "Microsoft.NETCore.Platforms", "Microsoft.NETCore.Targets", "Microsoft.NETCore.App",
    };

    /// <summary>The host's copy of assembly <paramref name="name"/>, if it has one.</summary>
    public static HostAssembly? Find(string name)
    {
        if (Trusted.Value.TryGetValue(name, out var path))
        {
            return new HostAssembly(path, AssemblyName.GetAssemblyName(path).Version, IsFramework(path));
        }

        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => !a.IsDynamic && a.Location.Length > 0 && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        return loaded is null ? null : new HostAssembly(loaded.Location, loaded.GetName().Version, IsFramework(loaded.Location));
    }

    /// <summary>True when net10.0's shared framework already provides what <paramref name="dependency"/> would bring
    /// (System.Memory 4.5, System.Text.Json 8.0 …): the SDK prunes those too, so nothing is downloaded for them.</summary>
    public static bool ProvidesPackage(PackageDependency dependency)
    {
        if (FrameworkOnlyPackages.Contains(dependency.Id))
        {
            return true;
        }

        if (!Trusted.Value.TryGetValue(dependency.Id, out var path) || !IsFramework(path))
        {
            return false;
        }

        var wanted = dependency.VersionRange.MinVersion;
        var have = AssemblyName.GetAssemblyName(path).Version;
        return wanted is null || have is null || have.Major > wanted.Major || have.Major == wanted.Major && have.Minor >= wanted.Minor;
    }

    private static bool IsFramework(string path) =>
        FrameworkDirectory.Length > 0 && path.StartsWith(FrameworkDirectory, StringComparison.Ordinal);
}
