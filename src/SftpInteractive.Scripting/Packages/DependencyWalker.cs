using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Resolves the requested packages and their dependencies for net10.0, breadth first, one level at a time in parallel:
/// a direct request wins over a dependency (nearest wins), two dependencies on one package resolve to the higher
/// version, packages the shared framework provides are pruned as the SDK prunes them, and packages an earlier
/// submission loaded are reused (they cannot be replaced in a running process).
/// </summary>
internal sealed class DependencyWalker(GlobalPackagesFolder folder, PackageFeeds feeds, VersionChooser chooser)
{
    private const int MaxDepth = 64;

    /// <summary>The graph, direct packages first.</summary>
    public async Task<IReadOnlyList<ResolvedPackage>> WalkAsync(
        IReadOnlyList<PackageRequest> requests, IReadOnlyDictionary<string, NuGetVersion> loaded, List<string> notes, CancellationToken cancellationToken)
    {
        var chosen = new Dictionary<string, ResolvedPackage>(StringComparer.OrdinalIgnoreCase);
        var level = requests.Select(r => new Wanted(r.Id, r.Range, r.ToString(), true)).ToList();
        for (var depth = 0; depth < MaxDepth && level.Count > 0; depth++)
        {
            var picks = await Task.WhenAll(level.DistinctBy(w => (w.Id.ToUpperInvariant(), w.Range)).Select(w => PickAsync(w, cancellationToken))).ConfigureAwait(false);
            var next = new List<Wanted>();
            foreach (var (wanted, package) in picks)
            {
                if (chosen.TryGetValue(wanted.Id, out var existing) && (existing.Direct || existing.Identity.Version >= package.Identity.Version))
                {
                    continue;
                }

                chosen[wanted.Id] = package;
                foreach (var dependency in folder.Dependencies(package.Identity))
                {
                    if (HostAssemblies.ProvidesPackage(dependency) || Satisfied(dependency, chosen, loaded, package, notes))
                    {
                        continue;
                    }

                    next.Add(new Wanted(dependency.Id, dependency.VersionRange, $"{dependency.Id} {dependency.VersionRange.PrettyPrint()} (needed by {package})", false));
                }
            }

            level = next;
        }

        return [.. chosen.Values.OrderByDescending(p => p.Direct)];
    }

    private static bool Satisfied(PackageDependency dependency, Dictionary<string, ResolvedPackage> chosen,
        IReadOnlyDictionary<string, NuGetVersion> loaded, ResolvedPackage parent, List<string> notes)
    {
        if (loaded.TryGetValue(dependency.Id, out var have))
        {
            if (!dependency.VersionRange.Satisfies(have))
            {
                notes.Add($"{parent} wants {dependency.Id} {dependency.VersionRange.PrettyPrint()}; {dependency.Id} {have} is already loaded and stays.");
            }

            return true;
        }

        return chosen.TryGetValue(dependency.Id, out var picked) && dependency.VersionRange.Satisfies(picked.Identity.Version);
    }

    private async Task<(Wanted, ResolvedPackage)> PickAsync(Wanted wanted, CancellationToken cancellationToken)
    {
        var (version, source) = await chooser.ChooseAsync(wanted.Id, wanted.Range, wanted.Shown, cancellationToken).ConfigureAwait(false);
        var identity = new PackageIdentity(wanted.Id, version);
        if (source is not null)
        {
            await feeds.InstallAsync(identity, source, cancellationToken).ConfigureAwait(false);
        }

        return (wanted, new ResolvedPackage(new PackageIdentity(folder.CanonicalId(identity), version), wanted.Direct, source is not null));
    }

    private sealed record Wanted(string Id, VersionRange Range, string Shown, bool Direct);
}
