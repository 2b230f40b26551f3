namespace SftpInteractive.Tests.Transfer;

public sealed class TransferProgressTests
{
    [Fact]
    public void Tracker_ReportsRateEtaAndThrottles()
    {
        var time = new FakeTimeProvider();
        var reports = new List<TransferProgress>();
        var tracker = new TransferTracker(new SyncProgress(reports.Add), time, 1000, 2);
        var file = tracker.StartFile("/a", 600, 0);
        time.Advance(TimeSpan.FromSeconds(1));
        file.Set(300);
        file.Set(310); // within 100 ms of the last report: throttled
        time.Advance(TimeSpan.FromSeconds(1));
        file.Set(600);
        time.Advance(TimeSpan.FromSeconds(1));
        file.Complete();

        var last = reports[^1];
        Assert.Equal(600, last.Bytes);
        Assert.Equal(1, last.FilesDone);
        Assert.Equal(200, last.BytesPerSecond, 1);
        Assert.Equal(2, last.Eta!.Value.TotalSeconds, 2);
        Assert.DoesNotContain(reports, r => r.FileBytes == 310);
        Assert.Contains("60%", last.ToText(), StringComparison.Ordinal);
        Assert.Contains("<progress", last.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tracker_FirstBytes_ReportedAtOnceThenThrottled()
    {
        var time = new FakeTimeProvider();
        var reports = new List<TransferProgress>();
        var tracker = new TransferTracker(new SyncProgress(reports.Add), time, 1000, 1);
        var file = tracker.StartFile("/a", 1000, 0);
        file.Set(64);
        file.Set(128);

        Assert.Equal([0L, 64L], reports.Select(r => r.Bytes));
    }

    [Fact]
    public void Tracker_ResumedFile_FirstNewBytesReportedAtOnce()
    {
        var time = new FakeTimeProvider();
        var reports = new List<TransferProgress>();
        var tracker = new TransferTracker(new SyncProgress(reports.Add), time, 1000, 1);
        var file = tracker.StartFile("/a", 1000, 400);
        file.Set(464);
        file.Set(528);

        Assert.Equal([400L, 464L], reports.Select(r => r.Bytes));
    }

    [Fact]
    public void Tracker_ManyWorkersAtOnce_ReportsInOrderAndEndsComplete()
    {
        const int Workers = 8, FilesPerWorker = 50, Chunks = 40, ChunkSize = 10;
        var time = new TickingTimeProvider(); // every report is due, so every call races to report
        var reports = new List<TransferProgress>();
        var gate = new Lock();
        // A callback that takes a moment before it records: if two workers were inside it at once, the later
        // snapshot could be recorded first. Reports must come one at a time, in the order they were taken.
        var tracker = new TransferTracker(new SyncProgress(r =>
        {
            Thread.SpinWait(Random.Shared.Next(2000));
            lock (gate)
            {
                reports.Add(r);
            }
        }), time,
            (long)Workers * FilesPerWorker * Chunks * ChunkSize, Workers * FilesPerWorker);

        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w =>
        {
            for (var f = 0; f < FilesPerWorker; f++)
            {
                var file = tracker.StartFile($"/w{w}/f{f}", Chunks * ChunkSize, 0);
                for (var c = 1; c <= Chunks; c++)
                {
                    file.Set(c * ChunkSize);
                }

                file.Complete();
            }
        });

        Assert.True(reports.Count > Workers * FilesPerWorker);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Bytes >= reports[i - 1].Bytes, $"report {i} went back from {reports[i - 1].Bytes} to {reports[i].Bytes}");
            Assert.True(reports[i].FilesDone >= reports[i - 1].FilesDone, $"report {i} went back in files done");
        }

        Assert.True(reports[^1].IsComplete);
        Assert.Equal(tracker.Total, reports[^1].Bytes);
    }

    /// <summary>Moves one second forward on every read, so the 100 ms throttle never holds a report back.</summary>
    private sealed class TickingTimeProvider : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond);
    }

    private sealed class FakeTimeProvider : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private sealed class SyncProgress(Action<TransferProgress> action) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => action(value);
    }
}
