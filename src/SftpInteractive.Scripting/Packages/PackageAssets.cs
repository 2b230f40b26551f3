using System.Runtime.InteropServices;
using NuGet.Frameworks;
using NuGet.Packaging;

namespace SftpInteractive.Scripting.Packages;

/// <summary>What one extracted package contributes for net10.0 on this machine: its <c>lib/</c> assemblies of the
/// nearest framework, RID-specific replacements from <c>runtimes/&lt;rid&gt;/lib</c>, and native folders
/// (<c>runtimes/linux-x64/native</c>, <c>runtimes/linux/native</c>, <c>runtimes/unix/native</c>).</summary>
/// <param name="Assemblies">Managed assemblies to reference (and load).</param>
/// <param name="RuntimeOverrides">File name → RID-specific file to load instead at run time.</param>
/// <param name="NativeDirectories">Folders holding the package's native libraries for this machine, best first.</param>
internal sealed record PackageAssets(IReadOnlyList<string> Assemblies, IReadOnlyDictionary<string, string> RuntimeOverrides, IReadOnlyList<string> NativeDirectories)
{
    /// <summary>linux-x64, linux, unix (or the osx/win equivalents), most specific first.</summary>
    public static readonly IReadOnlyList<string> RuntimeChain = BuildRuntimeChain();

    /// <summary>Reads the assets of the package extracted in <paramref name="installPath"/>.</summary>
    /// <exception cref="PackageException">NU1202 when the package has assemblies, none of them for net10.0.</exception>
    public static PackageAssets Read(string installPath, string shown)
    {
        using var reader = new PackageFolderReader(installPath);
        var groups = reader.GetLibItems().ToList();
        var assemblies = new List<string>();
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (groups.Count > 0)
        {
            var nearest = new FrameworkReducer().GetNearest(GlobalPackagesFolder.Target, groups.Select(g => g.TargetFramework))
                ?? new FrameworkReducer().GetNearest(GlobalPackagesFolder.TargetWithFallback, groups.Select(g => g.TargetFramework))
                ?? throw new PackageException("NU1202", $"Package {shown} has no assemblies for net10.0 (it targets " +
                    $"{string.Join(", ", groups.Select(g => g.TargetFramework.GetShortFolderName()).Distinct())}).");
            assemblies.AddRange(groups.Where(g => g.TargetFramework.Equals(nearest)).SelectMany(g => g.Items)
                .Where(IsTopLevelAssembly).Select(i => Path.Combine(installPath, i)));
            foreach (var rid in RuntimeChain.Reverse())
            {
                var folder = Path.Combine(installPath, "runtimes", rid, "lib", nearest.GetShortFolderName());
                foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.dll") : [])
                {
                    overrides[Path.GetFileName(file)] = file;
                }
            }
        }

        var native = RuntimeChain.Select(rid => Path.Combine(installPath, "runtimes", rid, "native")).Where(Directory.Exists).ToList();
        return new PackageAssets(assemblies, overrides, native);
    }

    // lib/net8.0/X.dll, not lib/net8.0/de/X.resources.dll nor the _._ placeholder of an empty but compatible folder.
    private static bool IsTopLevelAssembly(string item) =>
        item.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && item.Count(c => c == '/') == 2;

    private static string[] BuildRuntimeChain()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return OperatingSystem.IsWindows() ? [$"{os}-{arch}", os] : [$"{os}-{arch}", os, "unix"];
    }
}
