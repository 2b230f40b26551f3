namespace SftpInteractive.Tests.Transfer;

public sealed class TransferRetryTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(6, 30000)]
    [InlineData(40, 30000)]
    public void DelayBefore_DoublesPerRetryUpToTheCap(int retry, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), TransferOptions.Default.DelayBefore(retry));

    [Fact]
    public void DelayBefore_NoDelay_RetriesAtOnce() =>
        Assert.Equal(TimeSpan.Zero, new TransferOptions { RetryDelay = TimeSpan.Zero }.DelayBefore(3));

    [Fact]
    public void Defaults_ThreeRetriesNegativeMeansNone()
    {
        Assert.Equal(3, TransferOptions.Default.Retries);
        Assert.Equal(0, new TransferOptions { Retries = -1 }.EffectiveRetries);
    }

    [Fact]
    public void IsConnectionLoss_OnlyForLostConnections()
    {
        Assert.True(TransferRetry.IsConnectionLoss(new SftpConnectionException("lost"), null));
        Assert.False(TransferRetry.IsConnectionLoss(new SftpPermissionDeniedException("no"), null));
        Assert.False(TransferRetry.IsConnectionLoss(new SftpTransferException("disk full"), null));
        Assert.False(TransferRetry.IsConnectionLoss(new SftpInteractiveException("refused"), null));
    }

    [Fact]
    public void Resuming_MovingItemsResumeSkippedStaySkipped()
    {
        var item = new TransferPlanItem("/r/a", "/l/a", "a", 10, DateTime.UnixEpoch, TransferAction.Overwrite);
        Assert.Equal(TransferAction.Resume, TransferRetry.Resuming(item).Action);
        var skipped = item with { Action = TransferAction.SkipIdentical };
        Assert.Same(skipped, TransferRetry.Resuming(skipped));
    }

    [Theory]
    [InlineData(0, "Retries = 0")]
    [InlineData(3, "all 3 retries (reconnect, then resume) failed")]
    public void Exhausted_SaysWhatHappenedWhereTheDataIsAndWhatToDo(int retries, string expected)
    {
        var e = TransferRetry.Exhausted("download", "/r/a.bin", "/l/a.bin.part", new TransferOptions { Retries = retries }, new SftpConnectionException("The connection was lost."));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("/l/a.bin.part", e.Message, StringComparison.Ordinal);
        Assert.Contains("Reconnect()", e.Message, StringComparison.Ordinal);
        Assert.IsType<SftpConnectionException>(e.InnerException);
    }

    [Fact]
    public void LocalDiskIsFull_RecognisesNoSpaceOnlyEvenWhenWrapped()
    {
        Assert.True(LocalDisk.IsFull(new IOException("No space left on device : '/x'", 28)));
        Assert.True(LocalDisk.IsFull(new InvalidOperationException("wrapped", new IOException("disk", 28))));
        Assert.False(LocalDisk.IsFull(new IOException("Permission denied", 13)));
        Assert.False(LocalDisk.IsFull(new InvalidOperationException("No space left")));
    }
}
