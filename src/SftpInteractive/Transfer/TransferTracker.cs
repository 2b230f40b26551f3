namespace SftpInteractive;

/// <summary>
/// Adds up progress of every file of one job and reports it at most every 100 ms (plus the first data and the end), so
/// a host redrawing a progress bar is not flooded by thousands of 64 KiB chunks from several connections.
/// </summary>
internal sealed class TransferTracker
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly IProgress<TransferProgress>? _progress;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();
    private long _bytes;
    private long _moved;
    private int _filesDone;
    private long _lastReport;

    public TransferTracker(IProgress<TransferProgress>? progress, TimeProvider time, long total, int files, long alreadyDone = 0)
    {
        _progress = progress;
        _time = time;
        _start = time.GetTimestamp();
        _lastReport = long.MinValue;
        Total = total;
        FilesTotal = files;
        _bytes = alreadyDone;
    }

    public long Total { get; }

    public int FilesTotal { get; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    /// <summary>Progress of one file: call <see cref="FileProgress.Set"/> with the bytes done in that file.</summary>
    public FileProgress StartFile(string name, long size, long offset) => new(this, name, size, offset);

    /// <summary>A file finished (or was skipped); skipped bytes still count so the bar reaches 100%.</summary>
    public void FileDone(string name, long size, long uncountedBytes)
    {
        Interlocked.Add(ref _bytes, uncountedBytes);
        Interlocked.Increment(ref _filesDone);
        Report(name, size, size, force: Volatile.Read(ref _filesDone) == FilesTotal);
    }

    internal void Add(string name, long fileBytes, long fileTotal, long delta, bool moved)
    {
        Interlocked.Add(ref _bytes, delta);
        var firstData = false;
        if (moved)
        {
            // The job's first data is reported at once rather than after the interval: the bar moves as soon as bytes
            // flow, and a caller watching progress (say, to stop after the first bytes) sees them even when the whole
            // file takes less than the interval.
            firstData = delta > 0 && Interlocked.Add(ref _moved, delta) == delta;
        }

        Report(name, fileBytes, fileTotal, force: firstData);
    }

    private void Report(string name, long fileBytes, long fileTotal, bool force)
    {
        if (_progress is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        // Reported inside the lock: snapshots taken by different workers would otherwise reach the caller out of
        // order, making the bar jump back and letting a stale snapshot arrive after the final, complete one.
        lock (_gate)
        {
            if (!force && _lastReport != long.MinValue && _time.GetElapsedTime(_lastReport, now) < Interval)
            {
                return;
            }

            _lastReport = now;
            var elapsed = _time.GetElapsedTime(_start, now);
            var rate = elapsed > TimeSpan.Zero ? Interlocked.Read(ref _moved) / elapsed.TotalSeconds : 0;
            _progress.Report(new TransferProgress(name, fileBytes, fileTotal, Interlocked.Read(ref _bytes), Total,
                Volatile.Read(ref _filesDone), FilesTotal, rate, elapsed));
        }
    }
}
