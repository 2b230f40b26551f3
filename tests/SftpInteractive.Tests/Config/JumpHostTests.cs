namespace SftpInteractive.Tests.Config;

public sealed class JumpHostTests
{
    [Theory]
    [InlineData("bastion", "bastion", 22, null)]
    [InlineData("alice@bastion:2200", "bastion", 2200, "alice")]
    [InlineData("ssh://alice@bastion:2200", "bastion", 2200, "alice")]
    [InlineData("[::1]:2200", "::1", 2200, null)]
    [InlineData("bob@[fe80::1]", "fe80::1", 22, "bob")]
    [InlineData("::1", "::1", 22, null)]
    public void Parse_ReadsUserHostPort(string spec, string host, int port, string? user) =>
        Assert.Equal(new JumpHost(host, port, user), JumpHost.Parse(spec));

    [Theory]
    [InlineData("")]
    [InlineData("@host")]
    [InlineData("host:port")]
    [InlineData("host:70000")]
    public void Parse_Malformed_Throws(string spec) => Assert.Throws<FormatException>(() => JumpHost.Parse(spec));
}
