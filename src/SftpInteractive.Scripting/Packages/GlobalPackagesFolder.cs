using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// The global packages folder <c>dotnet restore</c> fills (<c>~/.nuget/packages</c>, <c>NUGET_PACKAGES</c> or
/// <c>globalPackagesFolder</c> in NuGet.config), in its own layout, so both share one cache. A package counts as
/// installed once its <c>.nupkg.metadata</c> exists: NuGet writes that file last.
/// </summary>
internal sealed class GlobalPackagesFolder(string root)
{
    /// <summary>net10.0: what package assets and dependency groups are chosen for.</summary>
    public static readonly NuGetFramework Target = NuGetFramework.Parse("net10.0");

    /// <summary>net10.0 with the SDK's default AssetTargetFallback (net461 … net481), used only when a package has
    /// nothing for net10.0 itself, as <c>dotnet restore</c> does (it warns NU1701).</summary>
    public static readonly NuGetFramework TargetWithFallback = new AssetTargetFallbackFramework(Target,
        [.. new[] { "net461", "net462", "net47", "net471", "net472", "net48", "net481" }.Select(NuGetFramework.Parse)]);

    private readonly VersionFolderPathResolver _paths = new(root);

    /// <summary>The folder.</summary>
    public string Root { get; } = root;

    /// <summary>The layout helper NuGet's extractor uses.</summary>
    public VersionFolderPathResolver Paths => _paths;

    /// <summary>Whether <paramref name="id"/> <paramref name="version"/> is completely extracted here.</summary>
    public bool IsInstalled(string id, NuGetVersion version) => File.Exists(_paths.GetNupkgMetadataPath(id, version));

    /// <summary>Versions of <paramref name="id"/> completely extracted here (offline use).</summary>
    public IReadOnlyList<NuGetVersion> Versions(string id)
    {
        var folder = Path.Combine(Root, id.ToLowerInvariant());
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(folder)
            .Select(d => NuGetVersion.TryParse(Path.GetFileName(d), out var v) ? v : null)
            .OfType<NuGetVersion>()
            .Where(v => IsInstalled(id, v))];
    }

    /// <summary>Where the package's files are.</summary>
    public string InstallPath(PackageIdentity package) => _paths.GetInstallPath(package.Id, package.Version);

    /// <summary>The package's dependencies for net10.0 (the nearest dependency group).</summary>
    public IReadOnlyList<PackageDependency> Dependencies(PackageIdentity package)
    {
        var nuspec = new NuspecReader(_paths.GetManifestFilePath(package.Id, package.Version));
        var groups = nuspec.GetDependencyGroups().ToList();
        var nearest = new FrameworkReducer().GetNearest(Target, groups.Select(g => g.TargetFramework));
        return nearest is null ? [] : [.. groups.Where(g => g.TargetFramework.Equals(nearest)).SelectMany(g => g.Packages)];
    }

    /// <summary>The id as the package spells it (the user may type csvhelper).</summary>
    public string CanonicalId(PackageIdentity package) =>
        new NuspecReader(_paths.GetManifestFilePath(package.Id, package.Version)).GetId();
}
