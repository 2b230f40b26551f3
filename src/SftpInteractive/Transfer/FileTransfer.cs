using System.Diagnostics;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// Moves one planned file. Data goes to <c>&lt;target&gt;.part</c>; only a complete, verified file is renamed to the
/// final name, so a failure or cancel never leaves a truncated file under it. The <c>.part</c> stays for resume.
/// Whole files and resumed tails move with many requests in flight (<see cref="PipelinedReader"/>,
/// <see cref="PipelinedWriter"/>), large ones over several connections where that pays (<see cref="RangePlan"/>); a
/// resume moves only the missing tail.
/// </summary>
internal static class FileTransfer
{
    /// <summary>Suffix of the temporary file next to the target.</summary>
    public const string PartSuffix = ".part";

    private const int CopyBufferSize = 256 * 1024;

    // Below this size a plain open/read/close (<see cref="SmallFileReader"/>) costs far
    // less CPU than the pipelined download's size request and read-ahead buffers.
    private const long SmallFileSize = 64 * 1024;

    public static async Task<TransferResult> DownloadAsync(SftpSession session, SftpClient client, TransferPlanItem item, TransferOptions options,
        TransferTracker tracker, CancellationToken cancellationToken, SftpPool? pool = null)
    {
        if (!item.WillMove)
        {
            tracker.FileDone(item.Source, item.Size, item.Size);
            return new TransferResult(TransferDirection.Download, item.Source, item.Destination, item.Action, item.Size, 0, TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        var part = item.Destination + PartSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(item.Destination)!);
        var offset = item.Action == TransferAction.Resume && File.Exists(part) ? new FileInfo(part).Length : 0;
        if (offset > item.Size)
        {
            offset = 0;
        }

        var progress = tracker.StartFile(item.Source, item.Size, offset);
        try
        {
            var ranges = pool is null || offset > 0 ? 1 : SftpSession.ConnectionsForGet(item.Size, options);
            if (ranges > 1)
            {
                var clients = await pool!.RentAsync(ranges - 1, cancellationToken).ConfigureAwait(false);
                try
                {
                    await RangedDownload.RunAsync([client, .. clients], item.Source, part, item.Size, progress, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    pool.Return(clients);
                }
            }
            else
            {
                await DownloadSerialAsync(client, item, part, offset, progress, cancellationToken).ConfigureAwait(false);
            }

            var length = new FileInfo(part).Length;
            if (length != item.Size)
            {
                throw new SftpTransferException(
                    $"Downloaded {length:N0} bytes of {item.Source} but it has {item.Size:N0} (did it change on the server?). {part} was kept; run the same call again to resume or use OverwritePolicy.Always.");
            }

            var (verified, sha) = await VerifyAsync(session, item, options, () => LocalSha256Async(part, cancellationToken), item.Source, () => File.Delete(part), cancellationToken).ConfigureAwait(false);
            if (options.PreserveModificationTime)
            {
                File.SetLastWriteTimeUtc(part, item.ModifiedUtc);
            }

            File.Move(part, item.Destination, overwrite: true);
            progress.Complete();
            return new TransferResult(TransferDirection.Download, item.Source, item.Destination, item.Action, item.Size, item.Size - offset, watch.Elapsed)
            { Sha256 = sha, Verified = verified };
        }
        catch (Exception e) when (LocalDisk.IsFull(e))
        {
            progress.Fail();
            throw LocalDisk.Full(item.Source, item.Destination, part, item.Size, e);
        }
        catch
        {
            progress.Fail();
            DeleteIfEmpty(part, offset);
            throw;
        }
    }

    /// <summary>A <c>.part</c> that never received a byte (the remote file could not even be opened, say permission
    /// denied) holds nothing to resume: remove it rather than leave an empty file next to the target.</summary>
    private static void DeleteIfEmpty(string part, long offset)
    {
        try
        {
            if (offset == 0 && new FileInfo(part) is { Exists: true, Length: 0 })
            {
                File.Delete(part);
            }
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static async Task DownloadSerialAsync(SftpClient client, TransferPlanItem item, string part, long offset, FileProgress progress, CancellationToken cancellationToken)
    {
        if (offset == 0 && item.Size <= SmallFileSize)
        {
            var output = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            await using (output.ConfigureAwait(false))
            {
                progress.Set(await SmallFileReader.CopyAsync(client, item.Source, item.Size, output, cancellationToken).ConfigureAwait(false));
            }

            return;
        }

        // Every reply is written as it arrives, so a cut keeps all the server had sent for the resume.
        using var handle = File.OpenHandle(part, offset > 0 ? FileMode.Open : FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.SetLength(handle, offset);
        var done = offset;
        await PipelinedReader.ReadAsync(client, item.Source, handle, offset, item.Size, toEnd: true, n => progress.Set(done += n), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<TransferResult> UploadAsync(SftpSession session, SftpClient client, TransferPlanItem item, TransferOptions options,
        TransferTracker tracker, CancellationToken cancellationToken, SftpPool? pool = null)
    {
        if (!item.WillMove)
        {
            tracker.FileDone(item.Source, item.Size, item.Size);
            return new TransferResult(TransferDirection.Upload, item.Source, item.Destination, item.Action, item.Size, 0, TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        var part = item.Destination + PartSuffix;
        var recovered = false;
        if (session.UnsafeParts.PrefixOf(part) is { } prefix)
        {
            // A ranged upload of this file stopped with nothing left to cut its gaps: its complete prefix becomes the
            // .part now and the upload resumes from it (or, if that fails, starts over).
            session.UnsafeParts.Forget(part);
            recovered = await RangedUpload.RecoverAsync(client, part, prefix).ConfigureAwait(false);
        }

        var offset = item.Action == TransferAction.Resume || recovered ? await RemoteSizeAsync(client, part, cancellationToken).ConfigureAwait(false) : 0;
        if (offset > item.Size)
        {
            offset = 0;
        }

        var progress = tracker.StartFile(item.Source, item.Size, offset);
        try
        {
            await UploadDataAsync(session, client, item, options, part, offset, progress, pool, cancellationToken).ConfigureAwait(false);
            session.UnsafeParts.Forget(part);
            var length = await SizeAndTimeAsync(client, part, item.Source, options.PreserveModificationTime ? item.ModifiedUtc : null, cancellationToken).ConfigureAwait(false);
            if (length != item.Size)
            {
                throw new SftpTransferException(
                    $"Uploaded {length:N0} bytes of {item.Source} but it has {item.Size:N0} (did it change locally?). {part} was kept on the server; run the same call again to resume.");
            }

            var (verified, sha) = await VerifyAsync(session, item, options, () => LocalSha256Async(item.Source, cancellationToken), part, () => SftpClientRequests.RemoveAsync(client, part, CancellationToken.None).GetAwaiter().GetResult(), cancellationToken).ConfigureAwait(false);

            if (options.Fsync)
            {
                // On disk before it takes the final name: a server crash after the rename cannot leave a short file there.
                await SftpClientRequests.FsyncAsync(client, part, cancellationToken).ConfigureAwait(false);
            }

            await SftpClientRequests.RenameAsync(client, part, item.Destination, posix: true, cancellationToken).ConfigureAwait(false);
            progress.Complete();
            return new TransferResult(TransferDirection.Upload, item.Source, item.Destination, item.Action, item.Size, item.Size - offset, watch.Elapsed)
            { Sha256 = sha, Verified = verified };
        }
        catch
        {
            progress.Fail();
            throw;
        }
    }

    /// <summary>Writes the file's bytes from <paramref name="offset"/> into the remote <c>.part</c>: a large file over
    /// several connections or channels where that pays (<see cref="RangePlan"/>), else over one with many writes in
    /// flight (<see cref="PipelinedWriter"/>).</summary>
    private static async Task UploadDataAsync(SftpSession session, SftpClient client, TransferPlanItem item, TransferOptions options, string part,
        long offset, FileProgress progress, SftpPool? pool, CancellationToken cancellationToken)
    {
        // At distance a new SSH.NET connection costs a key exchange and a login (about a dozen round trips) while one
        // more sftp channel on this client's connection costs one and brings its own 2 MiB window; on the OpenSSH
        // transport the pool's connections are such channels already.
        var forced = options.RangedConnections is not null;
        var onThisConnection = client is not EngineSftpClient && !forced && session.RoundTrip >= RangePlan.LatencyBound;
        var ranges = pool is null || offset > 0 ? 1
            : RangePlan.Affordable(session.ConnectionsForPut(item.Size, options), item.Size, pool.IdleCount, forced,
                cheap: onThisConnection || session.Settings.Transport == SftpTransport.OpenSsh);
        if (ranges > 1 && onThisConnection)
        {
            var opening = OpenChannelsAsync(session.Settings, client, ranges - 1, cancellationToken);
            try
            {
                await RangedUpload.RunAsync(client, opening, ranges, item.Source, part, item.Size, session.UnsafeParts, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _ = opening.ContinueWith(t =>
                {
                    foreach (var channel in t.IsCompletedSuccessfully ? t.Result : [])
                    {
                        channel.Dispose();
                    }
                }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            return;
        }

        if (ranges > 1)
        {
            var renting = pool!.RentAsync(ranges - 1, cancellationToken);
            try
            {
                await RangedUpload.RunAsync(client, renting, ranges, item.Source, part, item.Size, session.UnsafeParts, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The pool's connections may still be opening when a range fails: they go back whenever they arrive.
                _ = renting.ContinueWith(t => pool.Return(t.Exception is null && !t.IsCanceled ? t.Result : []), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            return;
        }

        if (offset < item.Size || offset == 0)
        {
            // An empty file too: the open creates it.
            using var handle = File.OpenHandle(item.Source, FileMode.Open, FileAccess.Read, FileShare.Read);
            var done = offset;
            await PipelinedWriter.WriteAsync(client, part, truncate: offset == 0, handle, new Blocks(offset, item.Size, Math.Max(1, item.Size - offset)),
                n => progress.Set(done += n), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Up to <paramref name="count"/> more sftp channels on <paramref name="client"/>'s connection: those the
    /// server opened (a refused one leaves its range to the others).</summary>
    private static async Task<SftpClient[]> OpenChannelsAsync(SftpSettings settings, SftpClient client, int count, CancellationToken cancellationToken)
    {
        var opening = Enumerable.Range(0, count).Select(_ => SshNetChannelSftpClient.OpenAsync(settings, client, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (var opened in opening.Where(t => t.IsCompletedSuccessfully))
            {
                opened.Result.Dispose();
            }

            throw;
        }
        catch (Exception e)
        {
            SftpLog.Info($"put: {opening.Count(t => !t.IsCompletedSuccessfully)} of {count} extra sftp channels could not be opened ({Redactor.Redact(e.Message)})");
        }

        return [.. opening.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];
    }

    /// <summary>The uploaded <c>.part</c>'s size, and its times set to <paramref name="modifiedUtc"/> and the local file's
    /// access time (as <c>sftp -p</c> sets them): the stat and the setstat go out together, one round trip for both.</summary>
    private static async Task<long> SizeAndTimeAsync(SftpClient client, string part, string localSource, DateTime? modifiedUtc, CancellationToken cancellationToken)
    {
        var stat = SftpClientRequests.StatAsync(client, part, cancellationToken);
        var times = modifiedUtc is { } time
            ? SftpClientRequests.SetStatAsync(client, part, SftpAttributes.Times(File.GetLastAccessTimeUtc(localSource), time), cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(stat, times).ConfigureAwait(false);
        return (long)(await stat.ConfigureAwait(false)).Size;
    }

    /// <summary>Size of a remote file, or 0 when it does not exist.</summary>
    public static async Task<long> RemoteSizeAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (long)(await SftpClientRequests.StatAsync(client, path, cancellationToken).ConfigureAwait(false)).Size;
        }
        catch (Renci.SshNet.Common.SftpPathNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>SHA-256 of a local file, lower-case hex.</summary>
    public static async Task<string> LocalSha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }

    private static async Task<(string Verified, string? Sha)> VerifyAsync(SftpSession session, TransferPlanItem item, TransferOptions options,
        Func<Task<string>> localSha, string remotePath, Action discardPart, CancellationToken cancellationToken)
    {
        if (options.Verify == TransferVerification.None)
        {
            return ("none", null);
        }

        if (options.Verify == TransferVerification.Size)
        {
            return ("size", null);
        }

        var remoteTask = session.RemoteSha256Async(remotePath, cancellationToken);
        var local = await localSha().ConfigureAwait(false);
        var remote = await remoteTask.ConfigureAwait(false);
        if (remote is null)
        {
            return ("size (sha256 unavailable: the server does not allow commands)", null);
        }

        if (!string.Equals(local, remote, StringComparison.Ordinal))
        {
            // A .part with wrong content must not be resumed from.
            discardPart();

            throw new SftpTransferException(
                $"SHA-256 mismatch for {item.Source}: local {local}, remote {remote}. The temporary file was removed; run the transfer again.");
        }

        return ("size+sha256", local);
    }

    private static async Task CopyAsync(Stream input, Stream output, long offset, FileProgress progress, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var done = offset;
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                done += read;
                progress.Set(done);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
