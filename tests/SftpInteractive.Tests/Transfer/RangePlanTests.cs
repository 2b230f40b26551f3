namespace SftpInteractive.Tests.Transfer;

public sealed class RangePlanTests
{
    [Theory]
    [InlineData(new long[] { 10, 3, 10 }, 13)]
    [InlineData(new long[] { 4, 10, 10 }, 4)]
    [InlineData(new long[] { 10, 10, 5 }, 25)]
    [InlineData(new long[] { 0, 10, 5 }, 0)]
    public void CompletePrefix_StopsAtTheFirstUnfinishedRange(long[] done, long expected) =>
        Assert.Equal(expected, RangePlan.CompletePrefix(done, 10, 25));

    [Theory]
    [InlineData(1L << 20, 4, 1)]
    [InlineData(64L << 20, 4, 2)]
    [InlineData(512L << 20, 4, 4)]
    [InlineData(512L << 20, 1, 1)]
    public void RangesFor_SplitsOnlyLargeFiles(long size, int parallelism, int expected) =>
        Assert.Equal(expected, RangePlan.RangesFor(size, parallelism));

    [Theory]
    [InlineData(4, 2, 1)]
    [InlineData(4, 4, 2)]
    [InlineData(4, 16, 4)]
    [InlineData(1, 16, 1)]
    [InlineData(4, 1, 1)]
    public void ConnectionsThatPay_OnePerTwoCores_AtMostTheParallelism(int parallelism, int cores, int expected) =>
        Assert.Equal(expected, RangePlan.ConnectionsThatPay(parallelism, cores));

    [Theory]
    [InlineData(0, 512L << 20, 2, 1)] // loopback on two cores: one connection, whatever the size
    [InlineData(1, 512L << 20, 16, 4)] // a fast LAN with free cores: one per two cores
    [InlineData(20, 32L << 20, 2, 2)] // 20 ms: two windows' worth
    [InlineData(60, 32L << 20, 2, 4)] // 60 ms: six wanted, the parallelism caps at four
    [InlineData(60, 12L << 20, 2, 1)] // too small to buy back a connection's set-up
    [InlineData(60, 20L << 20, 2, 2)]
    public void ConnectionsFor_ByRoundTripThenCores(int roundTripMs, long size, int cores, int expected) =>
        Assert.Equal(expected, RangePlan.ConnectionsFor(size, null, TimeSpan.FromMilliseconds(roundTripMs), 4, cores));

    [Theory]
    [InlineData(64L << 20, 4, 4)]
    [InlineData(2L << 20, 4, 2)]
    [InlineData(100, 4, 1)]
    public void ConnectionsFor_ForcedSplitsAnyMachine(long size, int forced, int expected) =>
        Assert.Equal(expected, RangePlan.ConnectionsFor(size, forced, TimeSpan.Zero, 4, 2));

    [Theory]
    [InlineData(4, 32L << 20, 0, false, 1)] // nothing open: one connection, opening more costs more than it buys
    [InlineData(4, 32L << 20, 2, false, 3)] // two already open
    [InlineData(4, 32L << 20, 9, false, 4)]
    [InlineData(4, 64L << 20, 0, false, 4)] // large enough to open them
    [InlineData(4, 32L << 20, 0, true, 4)] // forced
    [InlineData(1, 32L << 20, 5, false, 1)]
    public void Affordable_OpensConnectionsOnlyForLargeFiles(int wanted, long size, int idle, bool forced, int expected) =>
        Assert.Equal(expected, RangePlan.Affordable(wanted, size, idle, forced));

    [Theory]
    [InlineData(4, 32L << 20, 0, 4)] // channels of the master's login: opened for a file a login would not pay for
    [InlineData(2, 16L << 20, 0, 2)]
    [InlineData(1, 32L << 20, 5, 1)] // never more than wanted
    public void Affordable_CheapChannels_OpensEveryWantedConnection(int wanted, long size, int idle, int expected) =>
        Assert.Equal(expected, RangePlan.Affordable(wanted, size, idle, forced: false, cheap: true));
}
