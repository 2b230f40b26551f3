namespace SftpInteractive;

public sealed partial class SftpSession
{
    private volatile bool _execUnavailable;

    /// <summary>
    /// Downloads one file. Data goes to <c>&lt;local&gt;.part</c> and is renamed to the final name only when complete and
    /// verified, so a failure or cancel never leaves a partial file under the final name; the <c>.part</c> is kept and the
    /// next call with <see cref="OverwritePolicy.Resume"/> (the default) continues from it. When the connection drops
    /// mid-transfer the call reconnects and resumes by itself, up to <see cref="TransferOptions.Retries"/> times.
    /// </summary>
    /// <param name="remotePath">The remote file.</param>
    /// <param name="localPath">Local file, or an existing local folder (the remote name is then used, checked so it
    /// cannot escape the folder).</param>
    /// <param name="options">Overwrite policy, verification, time preservation (null: <see cref="TransferOptions.Default"/>).</param>
    /// <param name="progress">Receives progress about every 100 ms and at the end.</param>
    /// <param name="cancellationToken">Stops the transfer (the <c>.part</c> stays for resume).</param>
    /// <exception cref="SftpPathNotFoundException">The remote file does not exist.</exception>
    /// <exception cref="SftpTransferException">The target exists under <see cref="OverwritePolicy.Never"/>, the remote
    /// path is a folder, its name is unsafe, verification failed, the local disk is full, or the connection was lost
    /// more often than <see cref="TransferOptions.Retries"/> allows (call Reconnect() and again to resume).</exception>
    /// <exception cref="SftpConnectionException">The connection was lost before the transfer started.</exception>
    [Verb(VerbGroup.Transfer, "download a file: atomic .part, resumable, verified, with progress")]
    public async Task<TransferResult> GetAsync([RemotePath] string remotePath, string localPath, TransferOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var source = await StatEntryAsync(remotePath, withOwners: false, cancellationToken).ConfigureAwait(false);
        if (source.IsDirectory)
        {
            throw new SftpTransferException($"{source.Path} is a folder. Use GetDirectoryAsync(\"{source.Path}\", \"{localPath}\") to download a tree.");
        }

        var destination = Directory.Exists(localPath) || Path.EndsInDirectorySeparator(localPath)
            ? LocalPathGuard.Resolve(localPath, source.Name, source.Path)
            : Path.GetFullPath(localPath);
        var item = TransferPlanner.ForDownload(source, destination, source.Name, options.Overwrite);
        ThrowOnConflict(item);
        var tracker = new TransferTracker(progress, options.TimeProvider, item.Size, 1);
        return await TransferWithRetriesAsync("download", source.Path, destination + FileTransfer.PartSuffix, options,
            (c, retry, t) => FileTransfer.DownloadAsync(this, c, retry ? TransferRetry.Resuming(item) : item, options, tracker, t, Pool),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a remote file into a stream the caller owns (no temporary file, no resume).</summary>
    /// <exception cref="SftpPathNotFoundException">The remote file does not exist.</exception>
    public async Task<long> GetAsync(string remotePath, Stream destination, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var source = await StatEntryAsync(remotePath, withOwners: false, cancellationToken).ConfigureAwait(false);
        var tracker = new TransferTracker(progress, TimeProvider.System, source.Size, 1);
        var file = tracker.StartFile(source.Path, source.Size, 0);
        await GuardAsync("download", source.Path, async (c, t) => await SftpStreamCopy.DownloadAsync(await SftpEngines.ForAsync(c, t).ConfigureAwait(false), source.Path, destination, file.Set, t)
            .ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        file.Complete();
        return file.Done;
    }

    /// <summary>
    /// Uploads one file to <c>&lt;remote&gt;.part</c>, verifies it, sets its time and renames it over the target in one
    /// step (<c>posix-rename@openssh.com</c>), so readers never see a partial file; an interrupted upload resumes. When
    /// the connection drops mid-transfer the call reconnects and resumes by itself, up to <see cref="TransferOptions.Retries"/> times.
    /// </summary>
    /// <param name="localPath">The local file.</param>
    /// <param name="remotePath">Remote file, or an existing remote folder (the local name is then used).</param>
    /// <param name="options">Overwrite policy, verification, time preservation (null: <see cref="TransferOptions.Default"/>).</param>
    /// <param name="progress">Receives progress about every 100 ms and at the end.</param>
    /// <param name="cancellationToken">Stops the transfer (the remote <c>.part</c> stays for resume).</param>
    /// <exception cref="FileNotFoundException">The local file does not exist.</exception>
    /// <exception cref="SftpTransferException">The target exists under <see cref="OverwritePolicy.Never"/>, verification
    /// failed, or the connection was lost more often than <see cref="TransferOptions.Retries"/> allows (call Reconnect()
    /// and again to resume).</exception>
    /// <exception cref="SftpPermissionDeniedException">The remote folder is not writable.</exception>
    /// <exception cref="SftpConnectionException">The connection was lost before the transfer started.</exception>
    [Verb(VerbGroup.Transfer, "upload a file: atomic .part, resumable, verified, with progress")]
    public async Task<TransferResult> PutAsync(string localPath, [RemotePath] string remotePath, TransferOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= TransferOptions.Default;
        var source = new FileInfo(localPath);
        if (!source.Exists)
        {
            throw new FileNotFoundException($"No such local file: {source.FullName}.", source.FullName);
        }

        var target = await ResolvePathAsync(remotePath, cancellationToken).ConfigureAwait(false);
        var (existing, part) = await StatTargetAsync(target, options, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            target = RemotePath.Combine(target, source.Name);
            (existing, part) = await StatTargetAsync(target, options, cancellationToken).ConfigureAwait(false);
        }

        var item = TransferPlanner.ForUpload(source, target, source.Name, existing, part?.Size, options.Overwrite);
        ThrowOnConflict(item);
        var tracker = new TransferTracker(progress, options.TimeProvider, item.Size, 1);
        return await TransferWithRetriesAsync("upload to", target, target + FileTransfer.PartSuffix, options,
            (c, retry, t) => FileTransfer.UploadAsync(this, c, retry ? TransferRetry.Resuming(item) : item, options, tracker, t, Pool),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a stream to a remote file, atomically through <c>&lt;remote&gt;.part</c> (no resume: streams may not seek).</summary>
    /// <exception cref="SftpPermissionDeniedException">The remote folder is not writable.</exception>
    public async Task<long> PutAsync(Stream source, string remotePath, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = await ResolvePathAsync(remotePath, cancellationToken).ConfigureAwait(false);
        var size = source.CanSeek ? source.Length - source.Position : 0;
        return await GuardAsync("upload to", target, async (c, t) =>
        {
            var tracker = new TransferTracker(progress, TimeProvider.System, size, 1);
            var file = tracker.StartFile(target, size, 0);
            var part = target + FileTransfer.PartSuffix;
            await SftpStreamCopy.UploadAsync(await SftpEngines.ForAsync(c, t).ConfigureAwait(false), source, part, file.Set, t).ConfigureAwait(false);
            await SftpClientRequests.RenameAsync(c, part, target, posix: true, t).ConfigureAwait(false);
            file.Complete();
            return file.Done;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SHA-256 of a remote file through <c>sha256sum</c>, or null when the server does not allow commands.</summary>
    internal async Task<string?> RemoteSha256Async(string path, CancellationToken cancellationToken)
    {
        if (_execUnavailable)
        {
            return null;
        }

        try
        {
            var result = await RunAsync($"sha256sum -- {ShellQuote(path)}", cancellationToken).ConfigureAwait(false);
            var hash = result.StdOut.Split(' ', 2)[0].Trim();
            return result.Succeeded && hash.Length == 64 ? hash.ToLowerInvariant() : null;
        }
        catch (SftpCommandException)
        {
            _execUnavailable = true;
            return null;
        }
    }

    /// <summary>The upload target and (when resuming) its <c>.part</c>, both asked at once: one round trip, not two.</summary>
    private async Task<(RemoteEntry? Target, RemoteEntry? Part)> StatTargetAsync(string target, TransferOptions options, CancellationToken cancellationToken)
    {
        var existing = TryStatAsync(target, cancellationToken);
        var part = options.Overwrite == OverwritePolicy.Resume ? TryStatAsync(target + FileTransfer.PartSuffix, cancellationToken) : Task.FromResult<RemoteEntry?>(null);
        await Task.WhenAll(existing, part).ConfigureAwait(false); // observes both when both fail
        return (await existing.ConfigureAwait(false), await part.ConfigureAwait(false));
    }

    private async Task<RemoteEntry?> TryStatAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await StatEntryAsync(path, withOwners: false, cancellationToken).ConfigureAwait(false);
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    private static void ThrowOnConflict(TransferPlanItem item)
    {
        if (item.Action == TransferAction.Conflict)
        {
            throw new SftpTransferException(
                $"{item.Destination} already exists and the policy is Never. Pass new TransferOptions {{ Overwrite = OverwritePolicy.Always }} (or IfDifferent) to replace it.");
        }
    }

}
