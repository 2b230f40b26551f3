using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using NuGet.Configuration;
using NuGet.Versioning;

namespace SftpInteractive.Scripting.Packages;

/// <summary>
/// The NuGet side of one engine session: takes <c>#r "nuget: ..."</c> and <c>#i "nuget: ..."</c> out of a submission
/// and the files it <c>#load</c>s, restores what they ask for in process (all <c>#r</c>s of a submission together), and
/// adds the assemblies to the references of this and every later submission. Packages stay loaded for the life of the
/// process, so asking again is a no-op and asking for another version is refused with a clear message.
/// </summary>
internal sealed class PackageManager(string directory)
{
    private readonly List<PackageSource> _sources = [];
    private readonly Dictionary<string, NuGetVersion> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableArray<MetadataReference> _references = [];

    /// <summary>Hands Roslyn each <c>#load</c>ed file without its package directives.</summary>
    public PackageSourceResolver SourceResolver { get; } = new(directory);

    /// <summary><paramref name="options"/> with the packages restored so far.</summary>
    public ScriptOptions Apply(ScriptOptions options) =>
        options.AddReferences(_references).WithSourceResolver(SourceResolver);

    /// <summary>Restores what <paramref name="code"/> asks for and returns the code to compile, or a failure value
    /// (unknown package or version, unreachable source, no net10.0 assets, a typo in a directive).</summary>
    public async Task<(string Code, SubmissionResult.Failure? Failure)> PrepareAsync(string code, IDisplaySink display, CancellationToken cancellationToken)
    {
        var own = PackageDirectives.Extract(code);
        var sets = new List<PackageDirectiveSet> { own };
        sets.AddRange(SourceResolver.Collect(own.Code));
        if (sets.All(s => s.IsEmpty))
        {
            return (own.Code, null);
        }

        try
        {
            await RestoreAsync(sets, display, cancellationToken).ConfigureAwait(false);
            return (own.Code, null);
        }
        catch (PackageException e)
        {
            return (own.Code, new SubmissionResult.Failure(e.Code, Redactor.Redact(e.Message), [], string.Empty));
        }
    }

    private async Task RestoreAsync(List<PackageDirectiveSet> sets, IDisplaySink display, CancellationToken cancellationToken)
    {
        if (sets.SelectMany(s => s.Errors).ToList() is { Count: > 0 } errors)
        {
            throw new PackageException("PackageDirective", string.Join("\n", errors));
        }

        foreach (var source in sets.SelectMany(s => s.Sources))
        {
            AddSource(source);
        }

        var notes = new List<string>();
        var todo = new List<PackageRequest>();
        foreach (var request in sets.SelectMany(s => s.Packages).DistinctBy(r => r.Id.ToUpperInvariant()))
        {
            if (!_loaded.TryGetValue(request.Id, out var version))
            {
                todo.Add(request);
            }
            else if (request.AcceptsLoaded(version))
            {
                notes.Add($"{request.Id} {version} is already loaded.");
            }
            else
            {
                throw new PackageException("NU1107", $"{request.Id} {version} is already loaded in this session; {request} cannot be " +
                    "loaded beside it (.NET cannot unload assemblies). Restart the kernel, or leave the REPL and start it again, to switch versions.");
            }
        }

        if (todo.Count == 0)
        {
            if (notes.Count > 0)
            {
                display.Display(new PackageStatus(string.Join("\n", notes), true).Render());
            }

            return;
        }

        var id = "sftpi-nuget-" + Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        var what = string.Join(", ", todo);
        display.Display(new PackageStatus($"Restoring {what}…", false).Render(), id);
        try
        {
            var (graph, extensions) = await ResolveAsync(todo, notes, cancellationToken).ConfigureAwait(false);
            if (extensions.Count > 0)
            {
                await EnsureEngineAsync(cancellationToken).ConfigureAwait(false);
                notes.AddRange(await KernelExtensionLoader.LoadAsync(extensions).ConfigureAwait(false));
                AddExtensionReferences(extensions);
            }

            var summary = Summary(graph, Stopwatch.GetElapsedTime(started));
            display.UpdateDisplay(new PackageStatus(string.Join("\n", notes.Prepend(summary)), true).Render(), id);
        }
        catch (Exception e) when (e is PackageException or OperationCanceledException)
        {
            display.UpdateDisplay(new PackageStatus($"Restoring {what} failed.", true).Render(), id);
            throw;
        }
    }

    // Extensions are built against Microsoft.DotNet.Interactive; Plotly.NET.Interactive depends on it, but
    // Microsoft.Data.Analysis carries its extension without the dependency (the engine has it). The version is the one
    // our Formatting reference belongs to (the engine packages pin each other exactly).
    // What its restore says about its own dependencies (Roslyn 5.0 and System.Composition binding to the session's
    // newer copies, eight lines) is not shown: the user did not ask for the engine, and nothing of theirs changes.
    private async Task EnsureEngineAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        if (_loaded.ContainsKey(KernelExtensionLoader.EngineName) || HostAssemblies.Find(KernelExtensionLoader.EngineName) is not null)
        {
            return;
        }

        var version = typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0-beta.26120.1";
        await ResolveAsync([new PackageRequest(KernelExtensionLoader.EngineName, new VersionRange(NuGetVersion.Parse(version)), version)], notes, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<(IReadOnlyList<ResolvedPackage> Graph, List<string> Extensions)> ResolveAsync(List<PackageRequest> todo, List<string> notes, CancellationToken cancellationToken)
    {
        var environment = PackageEnvironment.Load(directory, _sources);
        using var feeds = new PackageFeeds(environment.Settings, environment.Sources, environment.Folder);
        var walker = new DependencyWalker(environment.Folder, feeds, new VersionChooser(environment.Folder, feeds));
        var graph = await walker.WalkAsync(todo, _loaded, notes, cancellationToken).ConfigureAwait(false);
        if (feeds.AnyUnreachable)
        {
            notes.Add($"Not every source answered ({feeds.Describe()}); the global packages folder filled in.");
        }

        var references = new List<string>();
        var extensions = new List<string>();
        foreach (var package in graph)
        {
            var installPath = environment.Folder.InstallPath(package.Identity);
            var assets = PackageAssets.Read(installPath, package.ToString());
            references.AddRange(PackageLoader.Plan(package.ToString(), assets, notes));
            extensions.AddRange(KernelExtensionLoader.Find(installPath));
        }

        _references = _references.AddRange(references.Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p)));
        foreach (var package in graph)
        {
            _loaded[package.Identity.Id] = package.Identity.Version;
        }

        return (graph, extensions);
    }

    // The engine's extensions make their own helpers visible to C# cells (Microsoft.Data.Analysis submits
    // `#r "<extension>.dll"` for TabularDataResource.ToDataFrame()): an extension assembly a package does not also ship
    // in lib/ is referenced by later submissions too.
    private void AddExtensionReferences(List<string> extensions)
    {
        var referenced = _references.OfType<PortableExecutableReference>()
            .Select(r => Path.GetFileName(r.FilePath)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _references = _references.AddRange(extensions.Where(e => !referenced.Contains(Path.GetFileName(e)))
            .Select(e => MetadataReference.CreateFromFile(e)));
    }

    private void AddSource(string source)
    {
        var isUrl = Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        var location = isUrl ? source : Path.GetFullPath(Path.Combine(directory, source));
        if (!isUrl && !Directory.Exists(location))
        {
            throw new PackageException("NU1301", $"Package source folder {source} does not exist (relative paths start at the working directory).");
        }

        if (!_sources.Any(s => string.Equals(s.Source, location, StringComparison.OrdinalIgnoreCase)))
        {
            _sources.Add(new PackageSource(location));
        }
    }

    private static string Summary(IReadOnlyList<ResolvedPackage> graph, TimeSpan elapsed)
    {
        var direct = string.Join(", ", graph.Where(p => p.Direct));
        var dependencies = graph.Count(p => !p.Direct);
        var more = dependencies switch { 0 => string.Empty, 1 => " (and 1 dependency)", _ => $" (and {dependencies} dependencies)" };
        var downloaded = graph.Count(p => p.Downloaded);
        var from = downloaded == 0 ? string.Empty : $", {downloaded} downloaded";
        return $"Installed {direct}{more} in {elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s{from}";
    }
}
