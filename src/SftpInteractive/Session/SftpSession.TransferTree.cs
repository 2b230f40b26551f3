namespace SftpInteractive;

public sealed partial class SftpSession
{
    /// <summary>
    /// Plans a recursive download without moving anything (a dry run): which files would move, which are already
    /// identical, which conflict, and which remote names are refused because they could escape <paramref name="localDirectory"/>.
    /// A connection lost while walking is healed and the walk starts over (<see cref="TransferOptions.Retries"/>).
    /// </summary>
    /// <exception cref="SftpPathNotFoundException">The remote folder does not exist.</exception>
    [Verb(VerbGroup.Transfer, "dry run of a recursive download: what would move, conflicts, skips")]
    public Task<TransferPlan> PlanGetAsync([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        return PlanWithRetriesAsync(options, t => PlanGetOnceAsync(remoteDirectory, localDirectory, options, t), p => p.Failures.Count > 0, cancellationToken);
    }

    private async Task<TransferPlan> PlanGetOnceAsync(string remoteDirectory, string localDirectory, TransferOptions options, CancellationToken cancellationToken)
    {
        var root = await ResolvePathAsync(remoteDirectory, cancellationToken).ConfigureAwait(false);
        var files = new List<(RemoteEntry, string)>();
        var errors = new List<PathError>();
        await foreach (var found in WalkFilesAsync(root, options.EffectiveParallelism, errors, cancellationToken).ConfigureAwait(false))
        {
            files.Add(found);
        }

        return TransferPlanner.ForDownloadTree(root, localDirectory, files, errors, options.Overwrite);
    }

    /// <summary>
    /// Downloads a remote folder recursively over <see cref="TransferOptions.Parallelism"/> connections: plans first,
    /// then moves files in parallel with one aggregate progress and one cancel for the whole job. Each file is atomic
    /// and resumable as in <see cref="GetAsync(string, string, TransferOptions?, IProgress{TransferProgress}?, CancellationToken)"/>.
    /// Files that fail are listed in the report (<see cref="TransferReport.EnsureSuccess"/> throws for them); symbolic links are not followed.
    /// </summary>
    /// <exception cref="SftpPathNotFoundException">The remote folder does not exist.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled (finished files stay; others keep their <c>.part</c>).</exception>
    [Verb(VerbGroup.Transfer, "download a tree in parallel")]
    public async Task<TransferReport> GetDirectoryAsync([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        WarmUpForTransfer(options);
        var plan = await PlanGetAsync(remoteDirectory, localDirectory, options, token).ConfigureAwait(false);
        return await RunPlanAsync(plan, options, progress, token).ConfigureAwait(false);
    }

    /// <summary>Plans a recursive upload without moving anything (a dry run). A connection lost while walking the remote
    /// side is healed and the walk starts over (<see cref="TransferOptions.Retries"/>).</summary>
    /// <exception cref="DirectoryNotFoundException">The local folder does not exist.</exception>
    [Verb(VerbGroup.Transfer, "dry run of a recursive upload")]
    public Task<TransferPlan> PlanPutAsync(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        return PlanWithRetriesAsync(options, t => PlanPutOnceAsync(localDirectory, remoteDirectory, options, t), p => p.Failures.Count > 0, cancellationToken);
    }

    private async Task<TransferPlan> PlanPutOnceAsync(string localDirectory, string remoteDirectory, TransferOptions options, CancellationToken cancellationToken)
    {
        var source = new DirectoryInfo(localDirectory);
        if (!source.Exists)
        {
            throw new DirectoryNotFoundException($"No such local folder: {source.FullName}.");
        }

        var root = await ResolvePathAsync(remoteDirectory, cancellationToken).ConfigureAwait(false);
        var existing = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
        var errors = new List<PathError>();
        if (await TryStatAsync(root, cancellationToken).ConfigureAwait(false) is { IsDirectory: true })
        {
            await foreach (var (entry, relative) in WalkFilesAsync(root, options.EffectiveParallelism, errors, cancellationToken).ConfigureAwait(false))
            {
                existing[relative] = entry;
            }
        }

        var items = new List<TransferPlanItem>();
        foreach (var file in source.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            var relative = Path.GetRelativePath(source.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.EndsWith(FileTransfer.PartSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var target = existing.GetValueOrDefault(relative);
            var part = existing.GetValueOrDefault(relative + FileTransfer.PartSuffix);
            items.Add(TransferPlanner.ForUpload(file, RemotePath.Combine(root, relative), relative, target, part?.Size, options.Overwrite));
        }

        items.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new TransferPlan(TransferDirection.Upload, source.FullName, root, items, errors);
    }

    /// <summary>Uploads a local folder recursively over several connections (plan, folders, then files in parallel).</summary>
    /// <exception cref="DirectoryNotFoundException">The local folder does not exist.</exception>
    /// <exception cref="SftpPermissionDeniedException">A remote folder cannot be created.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled (finished files stay; others keep their <c>.part</c>).</exception>
    [Verb(VerbGroup.Transfer, "upload a tree in parallel")]
    public async Task<TransferReport> PutDirectoryAsync(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        WarmUpForTransfer(options);
        var plan = await PlanWithRetriesAsync(options, async t =>
        {
            var planned = await PlanPutOnceAsync(localDirectory, remoteDirectory, options, t).ConfigureAwait(false);
            var folders = planned.Where(i => i.WillMove).Select(i => RemotePath.Parent(i.Destination)).Append(planned.DestinationRoot).Distinct(StringComparer.Ordinal);
            foreach (var folder in folders.Order(StringComparer.Ordinal))
            {
                await MkdirAsync(folder, t).ConfigureAwait(false);
            }

            return planned;
        }, p => p.Failures.Count > 0, token).ConfigureAwait(false);
        return await RunPlanAsync(plan, options, progress, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds every file matching <paramref name="pattern"/> under <paramref name="root"/> and downloads them all in
    /// parallel into <paramref name="localDirectory"/>, mirroring their paths below the root (so two <c>wmr1006.csv</c>
    /// in different folders do not collide). With <paramref name="dryRun"/> it only returns the plan.
    /// Unreadable folders are reported in the result, not thrown.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is invalid.</exception>
    /// <exception cref="SftpPathNotFoundException">The root does not exist.</exception>
    [Verb(VerbGroup.Find, "find every match and download them all")]
    public async Task<SearchDownloadResult> SearchAndDownloadAsync([RemotePath] string root, FindOptions pattern, string localDirectory, bool dryRun = false,
        TransferOptions? options = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        options ??= TransferOptions.Default;
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var query = pattern with { Type = RemoteEntryType.File, Parallelism = options.EffectiveParallelism };
        if (!dryRun)
        {
            WarmUpForTransfer(options);
        }

        var matches = await PlanWithRetriesAsync(options, t => FindAllAsync(root, query, t), m => m.Errors.Count > 0, token).ConfigureAwait(false);
        var prefix = matches.Root == "/" ? "/" : matches.Root + "/";
        var files = matches.Select(e => (e, e.Path.StartsWith(prefix, StringComparison.Ordinal) ? e.Path[prefix.Length..] : e.Name));
        var plan = TransferPlanner.ForDownloadTree(matches.Root, localDirectory, files, [], options.Overwrite);
        if (dryRun)
        {
            return new SearchDownloadResult(matches, plan, null);
        }

        return new SearchDownloadResult(matches, plan, await RunPlanAsync(plan, options, progress, token).ConfigureAwait(false));
    }

    private Task<TransferReport> RunPlanAsync(TransferPlan plan, TransferOptions options, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        TransferRunner.RunAsync(this, plan, options, progress, (client, item, tracker, t) => plan.Direction == TransferDirection.Download
            ? FileTransfer.DownloadAsync(this, client, item, options, tracker, t)
            : FileTransfer.UploadAsync(this, client, item, options, tracker, t), cancellationToken);

    /// <summary>Regular files below <paramref name="root"/> with their relative paths; unreadable folders go to <paramref name="errors"/>.</summary>
    private async IAsyncEnumerable<(RemoteEntry Entry, string RelativePath)> WalkFilesAsync(string root, int parallelism, List<PathError> errors,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var owners = await OwnersAsync(cancellationToken).ConfigureAwait(false);
        var rootEntry = await StatAsync(root, cancellationToken).ConfigureAwait(false);
        if (!rootEntry.IsDirectory)
        {
            throw new SftpTransferException($"{root} is a file, not a folder. Use GetAsync(\"{root}\", localPath) for one file.");
        }

        using var rental = WalkRental.Start(WalkPool, parallelism, cancellationToken);
        await foreach (var found in TreeWalker.WalkAsync(this, _client, rental.Clients, root, int.MaxValue, owners, cancellationToken).ConfigureAwait(false))
        {
            if (found.Error is not null)
            {
                errors.Add(found.Error);
            }
            else if (found.Entry!.IsFile)
            {
                yield return (found.Entry, found.RelativePath);
            }
        }
    }
}
