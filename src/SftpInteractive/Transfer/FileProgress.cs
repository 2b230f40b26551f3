namespace SftpInteractive;

/// <summary>Turns one file's "bytes done so far" (what SSH.NET reports) into deltas for the job's tracker.</summary>
internal sealed class FileProgress : IProgress<Renci.SshNet.DownloadFileProgressReport>, IProgress<Renci.SshNet.UploadFileProgressReport>
{
    private readonly TransferTracker _tracker;
    private readonly string _name;
    private readonly long _size;
    private readonly long _offset;
    private long _done;

    internal FileProgress(TransferTracker tracker, string name, long size, long offset)
    {
        _tracker = tracker;
        _name = name;
        _size = size;
        _offset = offset;
        _done = offset;
        // The resumed part counts towards the job's bytes (so the bar starts where it left off) but not its rate.
        tracker.Add(name, offset, size, offset, moved: false);
    }

    /// <summary>Bytes of this file done, the resumed part included.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Reports that <paramref name="fileBytes"/> bytes of the file are done.</summary>
    public void Set(long fileBytes)
    {
        var previous = Interlocked.Exchange(ref _done, fileBytes);
        _tracker.Add(_name, fileBytes, _size, fileBytes - previous, moved: true);
    }

    /// <summary>The file finished; any bytes not reported (or a shrink on retry) are settled.</summary>
    public void Complete() => _tracker.FileDone(_name, _size, _size - Done);

    /// <summary>The file failed: take back its bytes so the job's total stays honest.</summary>
    public void Fail() => _tracker.Add(_name, 0, _size, -Interlocked.Exchange(ref _done, 0), moved: false);

    void IProgress<Renci.SshNet.DownloadFileProgressReport>.Report(Renci.SshNet.DownloadFileProgressReport value) =>
        Set(_offset + (long)value.TotalBytesDownloaded);

    void IProgress<Renci.SshNet.UploadFileProgressReport>.Report(Renci.SshNet.UploadFileProgressReport value) =>
        Set(_offset + (long)value.TotalBytesUploaded);
}
