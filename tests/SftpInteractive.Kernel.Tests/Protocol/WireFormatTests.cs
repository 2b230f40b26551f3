using System.Text;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Tests.Protocol;

public sealed class WireFormatTests
{
    private static readonly MessageSigner Signer = new("secret");
    private static readonly MessageFactory Factory = new("session-1", "alice", TimeProvider.System);

    private static JupyterMessage Sample() => new(
        [Encoding.ASCII.GetBytes("router-id-1"), Encoding.ASCII.GetBytes("router-id-2")],
        Factory.Header("execute_request"), [], [], new JsonObject { ["code"] = "Console.WriteLine(\"<b>ü</b>\");" }, [[1, 2, 3]]);

    [Fact]
    public void Encode_LaysOutIdentitiesDelimiterSignatureFourPartsBuffers()
    {
        var frames = WireFormat.Encode(Sample(), Signer);

        Assert.Equal(2 + 1 + 1 + 4 + 1, frames.Count);
        Assert.Equal("router-id-1", Encoding.ASCII.GetString(frames[0]));
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[2]));
        Assert.Equal(Signer.Sign(frames.Skip(4).Take(4).ToArray()), Encoding.ASCII.GetString(frames[3]));
        Assert.Equal("{}", Encoding.UTF8.GetString(frames[5]));
        Assert.Equal([1, 2, 3], frames[8]);
    }

    [Fact]
    public void Decode_OfEncode_RoundTrips()
    {
        var message = Sample();

        Assert.True(WireFormat.TryDecode(WireFormat.Encode(message, Signer), Signer, out var decoded, out var error), error);

        Assert.Equal(message.MessageId, decoded!.MessageId);
        Assert.Equal("execute_request", decoded.MessageType);
        Assert.Equal(message.Content.ToJsonString(), decoded.Content.ToJsonString());
        Assert.Equal(2, decoded.Identities.Count);
        Assert.Single(decoded.Buffers);
    }

    [Fact]
    public void Decode_WrongKey_IsRejected()
    {
        var frames = WireFormat.Encode(Sample(), new MessageSigner("other"));

        Assert.False(WireFormat.TryDecode(frames, Signer, out _, out var error));
        Assert.Equal("invalid signature", error);
    }

    [Fact]
    public void Decode_NoDelimiter_IsRejected()
    {
        var frames = WireFormat.Encode(Sample(), Signer);
        frames.RemoveAt(2);

        Assert.False(WireFormat.TryDecode(frames, Signer, out _, out var error));
        Assert.Contains("delimiter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Html_StaysReadable()
    {
        var frames = WireFormat.Encode(Sample(), Signer);

        Assert.Contains("<b>ü</b>", Encoding.UTF8.GetString(frames[7]), StringComparison.Ordinal);
    }
}
