namespace SftpInteractive.Tests.Transfer;

public sealed class RangedDownloadTests
{
    [Theory]
    [InlineData(new long[] { 10, 3, 10 }, 13)]
    [InlineData(new long[] { 4, 10, 10 }, 4)]
    [InlineData(new long[] { 10, 10, 5 }, 25)]
    [InlineData(new long[] { 0, 10, 5 }, 0)]
    public void CompletePrefix_StopsAtTheFirstUnfinishedRange(long[] done, long expected) =>
        Assert.Equal(expected, RangedDownload.CompletePrefix(done, 10, 25));

    [Theory]
    [InlineData(1L << 20, 4, 1)]
    [InlineData(64L << 20, 4, 2)]
    [InlineData(512L << 20, 4, 4)]
    [InlineData(512L << 20, 1, 1)]
    public void RangesFor_SplitsOnlyLargeFiles(long size, int parallelism, int expected) =>
        Assert.Equal(expected, RangedDownload.RangesFor(size, parallelism));

    [Theory]
    [InlineData(4, 2, 1)]
    [InlineData(4, 4, 2)]
    [InlineData(4, 16, 4)]
    [InlineData(1, 16, 1)]
    [InlineData(4, 1, 1)]
    public void ConnectionsThatPay_OnePerTwoCores_AtMostTheParallelism(int parallelism, int cores, int expected) =>
        Assert.Equal(expected, RangedDownload.ConnectionsThatPay(parallelism, cores));
}
