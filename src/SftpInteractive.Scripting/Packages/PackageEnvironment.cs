using NuGet.Configuration;

namespace SftpInteractive.Scripting.Packages;

/// <summary>What the user's <c>dotnet</c> would restore with, read fresh for every restore from the working directory:
/// NuGet.config (the nearest ones up the tree, then the user's), its enabled sources and credentials, and the global
/// packages folder (<c>NUGET_PACKAGES</c>, <c>globalPackagesFolder</c>, or <c>~/.nuget/packages</c>).</summary>
internal sealed record PackageEnvironment(ISettings Settings, IReadOnlyList<PackageSource> Sources, GlobalPackagesFolder Folder)
{
    /// <summary>Reads the settings that apply in <paramref name="directory"/>, with <paramref name="extraSources"/>
    /// (from <c>#i</c>) after the configured ones.</summary>
    public static PackageEnvironment Load(string directory, IEnumerable<PackageSource> extraSources)
    {
        var settings = NuGet.Configuration.Settings.LoadDefaultSettings(directory);
        var configured = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled);
        var sources = configured.Concat(extraSources).DistinctBy(s => s.Source, StringComparer.OrdinalIgnoreCase).ToList();
        return new PackageEnvironment(settings, sources, new GlobalPackagesFolder(SettingsUtility.GetGlobalPackagesFolder(settings)));
    }
}
