using System.Globalization;
using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Tests.Protocol;

public sealed class MessageFactoryTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Header_HasEveryFieldVersion53AndMicrosecondUtcDate()
    {
        var time = new DateTimeOffset(2026, 11, 23, 14, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234567);
        var factory = new MessageFactory("s1", "alice", new FixedTime(time));

        var header = factory.Header("status");

        Assert.Equal("s1", header["session"]!.GetValue<string>());
        Assert.Equal("alice", header["username"]!.GetValue<string>());
        Assert.Equal("status", header["msg_type"]!.GetValue<string>());
        Assert.Equal("5.3", header["version"]!.GetValue<string>());
        Assert.Equal("2026-11-23T12:05:06.123456Z", header["date"]!.GetValue<string>());
        Assert.True(DateTime.TryParseExact(header["date"]!.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }

    [Fact]
    public void Header_MessageIds_AreFreshEachTime()
    {
        var factory = new MessageFactory("s1", "alice", TimeProvider.System);

        var ids = Enumerable.Range(0, 100).Select(_ => factory.Header("stream")["msg_id"]!.GetValue<string>()).ToHashSet();

        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public void Reply_CarriesRequestHeaderAsParentAndItsIdentities()
    {
        var factory = new MessageFactory("kernel", "k", TimeProvider.System);
        var request = new JupyterMessage([[7]], new MessageFactory("client", "c", TimeProvider.System).Header("complete_request"), [], [], [], []);

        var reply = factory.Reply(request, "complete_reply", new JsonObject { ["status"] = "ok" });

        Assert.Equal(request.MessageId, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal([7], reply.Identities[0]);
        Assert.NotNull(reply.Metadata);
        Assert.Equal("kernel", reply.Header["session"]!.GetValue<string>());
    }

    [Fact]
    public void Broadcast_WithoutParent_HasEmptyParentHeaderAndATopic()
    {
        var factory = new MessageFactory("kernel", "k", TimeProvider.System);

        var message = factory.Broadcast(null, "status", new JsonObject { ["execution_state"] = "starting" });

        Assert.Empty(message.ParentHeader);
        Assert.Equal("kernel.kernel.status", System.Text.Encoding.UTF8.GetString(message.Identities[0]));
    }
}
