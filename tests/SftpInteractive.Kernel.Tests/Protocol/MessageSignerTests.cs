using System.Security.Cryptography;
using System.Text;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Tests.Protocol;

public sealed class MessageSignerTests
{
    private static byte[][] Parts(params string[] parts) => parts.Select(Encoding.UTF8.GetBytes).ToArray();

    [Fact]
    public void Sign_KnownVector_MatchesHmacSha256OverTheConcatenatedParts()
    {
        var signer = new MessageSigner("key");

        // RFC-style test vector for HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), split in four.
        var signature = signer.Sign(Parts("The quick ", "brown fox ", "jumps over ", "the lazy dog"));

        Assert.Equal("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Fact]
    public void Sign_RealisticMessage_EqualsIndependentHmac()
    {
        var parts = Parts("""{"msg_id":"1"}""", "{}", "{}", """{"code":"6*7"}""");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("k3y"), parts.SelectMany(p => p).ToArray()));

        Assert.Equal(expected, new MessageSigner("k3y").Sign(parts));
    }

    [Fact]
    public void Verify_UppercaseHex_IsAccepted()
    {
        var signer = new MessageSigner("key");
        var parts = Parts("a", "b", "c", "d");

        Assert.True(signer.Verify(signer.Sign(parts).ToUpperInvariant(), parts));
    }

    [Fact]
    public void Verify_TamperedContent_IsRejected()
    {
        var signer = new MessageSigner("key");
        var signature = signer.Sign(Parts("a", "b", "c", "d"));

        Assert.False(signer.Verify(signature, Parts("a", "b", "c", "e")));
        Assert.False(signer.Verify("", Parts("a", "b", "c", "d")));
    }

    [Fact]
    public void EmptyKey_SignsEmptyAndAcceptsAnything()
    {
        var signer = new MessageSigner("");

        Assert.False(signer.IsEnabled);
        Assert.Equal("", signer.Sign(Parts("a", "b", "c", "d")));
        Assert.True(signer.Verify("whatever", Parts("a", "b", "c", "d")));
    }
}
