using System.Collections.Concurrent;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// The package sources of a session (NuGet.config's enabled sources plus <c>#i</c> ones), asked through NuGet's own
/// protocol client, which honours the credentials NuGet.config holds. A source that cannot be reached is remembered with
/// the reason, so messages can say which sources were tried and how each answered.
/// </summary>
internal sealed class PackageFeeds(ISettings settings, IReadOnlyList<PackageSource> sources, GlobalPackagesFolder folder) : IDisposable
{
    private readonly SourceCacheContext _cache = new();
    private readonly ConcurrentDictionary<PackageSource, Task<FindPackageByIdResource>> _resources = new();
    private readonly ConcurrentDictionary<string, string> _unreachable = new(StringComparer.Ordinal);

    /// <summary>The sources, in order.</summary>
    public IReadOnlyList<PackageSource> Sources => sources;

    /// <summary>"nuget.org (https://api.nuget.org/v3/index.json), /tmp/feed (unreachable: Connection refused)".</summary>
    public string Describe() => sources.Count == 0
        ? "no package sources (NuGet.config lists none)"
        : string.Join(", ", sources.Select(s =>
            (s.Name == s.Source ? s.Source : $"{s.Name} ({s.Source})") +
            (_unreachable.TryGetValue(s.Source, out var why) ? $" [unreachable: {why}]" : string.Empty)));

    /// <summary>True when some source could not be reached (the caller then falls back to the cache).</summary>
    public bool AnyUnreachable => !_unreachable.IsEmpty;

    /// <summary>Every version of <paramref name="id"/> the reachable sources offer.</summary>
    public async Task<IReadOnlyList<(NuGetVersion Version, PackageSource Source)>> VersionsAsync(string id, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(sources.Select(async source =>
        {
            var versions = await AskAsync(source, r => r.GetAllVersionsAsync(id, _cache, NullLogger.Instance, cancellationToken)).ConfigureAwait(false);
            return (versions ?? []).Select(v => (v, source));
        })).ConfigureAwait(false);
        return [.. answers.SelectMany(a => a)];
    }

    /// <summary>Downloads the package from <paramref name="source"/> and extracts it into the global packages folder
    /// exactly as <c>dotnet restore</c> would (hash, metadata file, lower-case layout).</summary>
    public async Task InstallAsync(PackageIdentity package, PackageSource source, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await ResourceAsync(source).ConfigureAwait(false);
            using var downloader = await resource.GetPackageDownloaderAsync(package, _cache, NullLogger.Instance, cancellationToken).ConfigureAwait(false)
                ?? throw new PackageException("NU1102", $"Package {package.Id} {package.Version} vanished from {source.Source} while restoring.");
            var context = new PackageExtractionContext(PackageSaveMode.Defaultv3, XmlDocFileSaveMode.None,
                ClientPolicyContext.GetClientPolicy(settings, NullLogger.Instance), NullLogger.Instance);
            await PackageExtractor.InstallFromSourceAsync(package, downloader, folder.Paths, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (PackageException or OperationCanceledException))
        {
            throw new PackageException("NU1301", $"Package {package.Id} {package.Version} could not be downloaded from {source.Source}: {Reason(e)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private async Task<T?> AskAsync<T>(PackageSource source, Func<FindPackageByIdResource, Task<T>> ask)
        where T : class
    {
        try
        {
            return await ask(await ResourceAsync(source).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FatalProtocolException or HttpRequestException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            _unreachable[source.Source] = Reason(e);
            return null;
        }
    }

    private Task<FindPackageByIdResource> ResourceAsync(PackageSource source) =>
        _resources.GetOrAdd(source, static async s => await Repository.Factory.GetCoreV3(s).GetResourceAsync<FindPackageByIdResource>().ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{s.Source} is not a NuGet feed"));

    private static string Reason(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message.ReplaceLineEndings(" ").Trim();
    }
}
