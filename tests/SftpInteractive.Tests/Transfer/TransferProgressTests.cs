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
