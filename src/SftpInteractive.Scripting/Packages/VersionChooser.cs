using NuGet.Configuration;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// Picks the version of a package the way a PackageReference restore does: the lowest version a plain or bracketed
/// range accepts, the highest match of a floating one (<c>*</c>, <c>1.*</c>, <c>2.0.0-beta*</c>). The fast path needs no
/// network: a plain version already in the global packages folder is taken as is. Without a reachable source, the
/// cached versions answer (offline use).
/// </summary>
internal sealed class VersionChooser(GlobalPackagesFolder folder, PackageFeeds feeds)
{
    /// <summary>The chosen version and the source to download it from (null when it is already in the cache).</summary>
    public async Task<(NuGetVersion Version, PackageSource? Source)> ChooseAsync(string id, VersionRange range, string shown, CancellationToken cancellationToken)
    {
        if (!range.IsFloating && range is { HasLowerBound: true, IsMinInclusive: true } && folder.IsInstalled(id, range.MinVersion!))
        {
            return (range.MinVersion!, null);
        }

        var offered = await feeds.VersionsAsync(id, cancellationToken).ConfigureAwait(false);
        if (offered.Count > 0)
        {
            var best = range.FindBestMatch(offered.Select(o => o.Version));
            if (best is not null)
            {
                return (best, folder.IsInstalled(id, best) ? null : offered.First(o => o.Version == best).Source);
            }

            throw new PackageException("NU1102", $"Package {shown}: no version matches '{range.OriginalString ?? range.ToString()}' " +
                $"(available: {Available(offered.Select(o => o.Version))}). Sources tried: {feeds.Describe()}.");
        }

        var cached = range.FindBestMatch(folder.Versions(id));
        if (cached is not null)
        {
            return (cached, null);
        }

        throw feeds.AnyUnreachable
            ? new PackageException("NU1301", $"Package {shown} could not be restored: not found in the sources that answered, some did not answer, and the global packages folder does not have it. Sources tried: {feeds.Describe()}.")
            : new PackageException("NU1101", $"Package {shown} was not found. Sources tried: {feeds.Describe()}.");
    }

    private static string Available(IEnumerable<NuGetVersion> versions)
    {
        var list = versions.Distinct().OrderDescending().ToList();
        var shown = string.Join(", ", list.Take(8).Select(v => v.ToNormalizedString()));
        return list.Count > 8 ? shown + ", …" : shown;
    }
}
