namespace SftpInteractive.Tests.Transfer;

public sealed class RequestWindowTests
{
    private const int OpenSshWrite = 255 * 1024;
    private const int SshNetWrite = 32 * 1024 - 25 - 4;

    [Fact]
    public void For_Loopback_KeepsAboutOneMebibyteInFlight()
    {
        var roundTrip = TimeSpan.FromMilliseconds(0.1);

        Assert.Equal(5, RequestWindow.For(OpenSshWrite, PipelinedWriter.MostInFlight, roundTrip));
        Assert.Equal(33, RequestWindow.For(SshNetWrite, PipelinedWriter.MostInFlight, roundTrip));
    }

    [Fact]
    public void For_RoundTripUnknown_UsesTheWholeCap()
    {
        Assert.Equal(PipelinedWriter.MostInFlight, RequestWindow.For(OpenSshWrite, PipelinedWriter.MostInFlight, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(20, 42)]
    [InlineData(60, 64)]
    [InlineData(250, 64)]
    public void For_AtDistance_GrowsWithTheRoundTripUpToTheCap(double milliseconds, int expected)
    {
        Assert.Equal(expected, RequestWindow.For(OpenSshWrite, PipelinedWriter.MostInFlight, TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void For_RequestsLargerThanTheWindow_StillKeepsTwoInFlight()
    {
        Assert.Equal(2, RequestWindow.For(4 << 20, 64, TimeSpan.FromMilliseconds(0.1)));
        Assert.Equal(1, RequestWindow.For(4 << 20, 1, TimeSpan.FromMilliseconds(0.1)));
    }
}
