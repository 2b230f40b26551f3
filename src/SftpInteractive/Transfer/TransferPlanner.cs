namespace SftpInteractive;

/// <summary>
/// Decides, per file, what a transfer will do from the source, the existing target and a leftover <c>.part</c>.
/// Pure functions over values already listed, so a plan of thousands of files costs no extra round trips.
/// </summary>
internal static class TransferPlanner
{
    /// <summary>Sizes equal and times equal to the second (SFTP v3 carries whole seconds) count as identical.</summary>
    public static bool Identical(long sourceSize, DateTime sourceUtc, long targetSize, DateTime targetUtc) =>
        sourceSize == targetSize && Math.Abs((Truncate(sourceUtc) - Truncate(targetUtc)).TotalSeconds) < 1;

    /// <summary>The action for one file.</summary>
    /// <param name="policy">The overwrite policy.</param>
    /// <param name="targetExists">Whether the final target exists.</param>
    /// <param name="identical">Whether it is identical to the source.</param>
    /// <param name="partSize">Size of a leftover <c>.part</c>, or null.</param>
    /// <param name="sourceSize">Size of the source.</param>
    public static (TransferAction Action, long ResumeFrom) Decide(OverwritePolicy policy, bool targetExists, bool identical, long? partSize, long sourceSize)
    {
        if (targetExists)
        {
            switch (policy)
            {
                case OverwritePolicy.Never:
                    return (TransferAction.Conflict, 0);
                case OverwritePolicy.Always:
                    return (TransferAction.Overwrite, 0);
                case OverwritePolicy.IfDifferent or OverwritePolicy.Resume when identical:
                    return (TransferAction.SkipIdentical, 0);
            }
        }

        // A .part longer than the source belongs to some other version of the file: start over.
        if (policy == OverwritePolicy.Resume && partSize is > 0 && partSize <= sourceSize)
        {
            return (TransferAction.Resume, partSize.Value);
        }

        return (targetExists ? TransferAction.Overwrite : TransferAction.Transfer, 0);
    }

    /// <summary>Plans one download to an already safe <paramref name="destination"/>.</summary>
    public static TransferPlanItem ForDownload(RemoteEntry source, string destination, string relativePath, OverwritePolicy policy)
    {
        var target = new FileInfo(destination);
        var part = new FileInfo(destination + FileTransfer.PartSuffix);
        var identical = target.Exists && Identical(source.Size, source.ModifiedUtc, target.Length, target.LastWriteTimeUtc);
        var (action, resumeFrom) = Decide(policy, target.Exists, identical, part.Exists ? part.Length : null, source.Size);
        return new TransferPlanItem(source.Path, destination, relativePath, source.Size, source.ModifiedUtc, action, resumeFrom);
    }

    /// <summary>Plans one upload given the remote target and <c>.part</c> as listed (null when absent).</summary>
    public static TransferPlanItem ForUpload(FileInfo source, string destination, string relativePath, RemoteEntry? target, long? partSize, OverwritePolicy policy)
    {
        var identical = target is not null && Identical(source.Length, source.LastWriteTimeUtc, target.Size, target.ModifiedUtc);
        var (action, resumeFrom) = Decide(policy, target is not null, identical, partSize, source.Length);
        return new TransferPlanItem(source.FullName, destination, relativePath, source.Length, source.LastWriteTimeUtc, action, resumeFrom);
    }

    /// <summary>Plans a tree download from walked files; names that could escape <paramref name="localRoot"/> become errors.</summary>
    public static TransferPlan ForDownloadTree(string remoteRoot, string localRoot, IEnumerable<(RemoteEntry Entry, string RelativePath)> files,
        IEnumerable<PathError> walkErrors, OverwritePolicy policy)
    {
        var items = new List<TransferPlanItem>();
        var errors = new List<PathError>(walkErrors);
        foreach (var (entry, relative) in files)
        {
            try
            {
                var destination = LocalPathGuard.Resolve(localRoot, relative, entry.Path);
                items.Add(ForDownload(entry, destination, relative, policy));
            }
            catch (SftpTransferException e)
            {
                errors.Add(new PathError(entry.Path, e.Message));
            }
        }

        items.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new TransferPlan(TransferDirection.Download, remoteRoot, Path.GetFullPath(localRoot), items, errors);
    }

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
