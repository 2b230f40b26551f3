namespace SftpInteractive.Tests.Config;

public sealed class JumpHostTests
{
    [Theory]
    [InlineData("bastion", "bastion", 0, null)]
    [InlineData("alice@bastion", "bastion", 0, "alice")]
    [InlineData("alice@bastion:2299", "bastion", 2299, "alice")]
    [InlineData("bastion.example.org:22", "bastion.example.org", 22, null)]
    [InlineData("[::1]:2222", "::1", 2222, null)]
    [InlineData("bob@[::1]", "::1", 0, "bob")]
    [InlineData("::1", "::1", 0, null)]
    [InlineData("ssh://carol@jump:2200", "jump", 2200, "carol")]
    [InlineData("  dave@jump  ", "jump", 0, "dave")]
    public void Parse_Spec_GivesHostPortUser(string spec, string host, int port, string? user)
    {
        Assert.Equal(new JumpHost(host, port, user), JumpHost.Parse(spec));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice@")]
    [InlineData("@bastion")]
    [InlineData("bastion:0")]
    [InlineData("bastion:70000")]
    [InlineData("bastion:ssh")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("bad host")]
    public void Parse_Malformed_ThrowsConfigErrorShowingTheForm(string spec)
    {
        var e = Assert.Throws<SftpConfigException>(() => JumpHost.Parse(spec));

        Assert.Contains("user@host:port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseChain_CommaSeparated_KeepsOrder_AndNoneIsDirect()
    {
        Assert.Equal([new JumpHost("a", 0, "u"), new JumpHost("b", 2222, null)], JumpHost.ParseChain("u@a, b:2222"));
        Assert.Empty(JumpHost.ParseChain("none"));
        Assert.Empty(JumpHost.ParseChain(" "));
    }

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        foreach (var spec in new[] { "alice@bastion:2299", "bastion", "[::1]:2222", "bob@[::1]" })
        {
            Assert.Equal(spec, JumpHost.Parse(spec).ToString());
        }
    }
}
