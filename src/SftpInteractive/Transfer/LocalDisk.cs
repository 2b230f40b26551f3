namespace SftpInteractive;

/// <summary>
/// Recognises a full local disk and says so plainly: .NET reports it as a bare <see cref="IOException"/> ("No space
/// left on device"), which would otherwise read like any other local I/O error.
/// </summary>
internal static class LocalDisk
{
    private const int NoSpace = 28;                // ENOSPC on Linux and macOS
    private const int WindowsDiskFull = 112;       // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = 39;  // ERROR_HANDLE_DISK_FULL

    /// <summary>True when <paramref name="e"/> or one of its inner exceptions is a "disk full" I/O error.</summary>
    public static bool IsFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException && ((e.HResult & 0xFFFF) is NoSpace or WindowsDiskFull or WindowsHandleDiskFull
                                     || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
                                     || e.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The error for a download that ran out of local space: where, how much was needed, what is kept, what to do.</summary>
    public static SftpTransferException Full(string source, string destination, string part, long size, Exception cause)
    {
        var folder = Path.GetDirectoryName(destination) ?? destination;
        var kept = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (kept == 0)
        {
            File.Delete(part); // an empty .part only clutters the full disk
        }

        var partNote = kept > 0
            ? $"{part} keeps the {Format.Bytes(kept)} received so far. Free some space (or delete the .part) and run the same call again to resume, or download into another folder."
            : "Free some space and run the same call again, or download into another folder.";
        return new SftpTransferException(
            $"The local disk is full: {folder} has {FreeSpace(folder)} free, but {source} needs {Format.Bytes(size)}. " +
            $"Nothing was written under {destination}. {partNote}", cause);
    }

    private static string FreeSpace(string folder)
    {
        try
        {
            return Format.Bytes(new DriveInfo(folder).AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return "no space";
        }
    }
}
