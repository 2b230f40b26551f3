using Renci.SshNet.Common;
using static SftpInteractive.Tests.Protocol.ScriptedTransport;

namespace SftpInteractive.Tests.Protocol;

/// <summary>The engine's framing and dispatch against a scripted server: packets split anywhere, replies in another
/// order than their requests, cancelled requests, a channel that closes with requests in flight.</summary>
public sealed class SftpEngineProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_VersionDeliveredByteByByte_SendsInitAndReadsTheExtensions()
    {
        var transport = new ScriptedTransport();
        var starting = SftpEngine.StartAsync(transport, Ct);

        Assert.Equal(SftpPacketType.Init, transport.TypeOf(0));
        Assert.Equal(3u, transport.IdOf(0)); // INIT carries the version where other packets carry an id
        transport.Deliver(Packet(SftpPacketType.Version, U32(3), Str("posix-rename@openssh.com"), Str("1"), Str("fsync@openssh.com"), Str("1")), piece: 1);
        using var engine = await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(3u, engine.Version);
        Assert.Equal(["fsync@openssh.com", "posix-rename@openssh.com"], engine.Extensions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SftpEngine.DefaultChunk, engine.MaxRead); // no limits@openssh.com offered
    }

    [Fact]
    public async Task Start_LimitsOffered_AsksAndUsesTheServersSizes()
    {
        var transport = new ScriptedTransport();
        var starting = SftpEngine.StartAsync(transport, Ct);
        transport.Deliver(Packet(SftpPacketType.Version, U32(3), Str("limits@openssh.com"), Str("1")));
        await WaitForAsync(() => transport.Sent.Count == 2);

        Assert.Equal(SftpPacketType.Extended, transport.TypeOf(1));
        transport.Deliver(Packet(SftpPacketType.ExtendedReply, U32(transport.IdOf(1)), U64(262144), U64(261120), U64(200000), U64(0)));
        using var engine = await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(261120, engine.MaxRead);
        Assert.Equal(200000, engine.MaxWrite);
    }

    [Fact]
    public async Task StartWithHome_LimitsAndRealPathInFlightTogether_OneRoundTripForBoth()
    {
        var transport = new ScriptedTransport();
        var starting = SftpEngine.StartWithHomeAsync(transport, null, Ct);
        transport.Deliver(Packet(SftpPacketType.Version, U32(3), Str("limits@openssh.com"), Str("1")));

        // Both requests are sent before either is answered.
        await WaitForAsync(() => transport.Sent.Count == 3);
        Assert.Equal([SftpPacketType.Extended, SftpPacketType.RealPath], new[] { transport.TypeOf(1), transport.TypeOf(2) });
        transport.Deliver([.. Packet(SftpPacketType.Name, U32(transport.IdOf(2)), U32(1), Str("/home/u"), Str("/home/u"), U32(0)),
            .. Packet(SftpPacketType.ExtendedReply, U32(transport.IdOf(1)), U64(262144), U64(261120), U64(200000), U64(0))]);
        var (engine, home) = await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var _ = engine;

        Assert.Equal("/home/u", home);
        Assert.Equal(261120, engine.MaxRead);
    }

    [Fact]
    public async Task Replies_ReorderedAndSplitAcrossDeliveries_EachReachesItsRequest()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        var stats = Enumerable.Range(0, 3).Select(i => engine.StatAsync("/f" + i, Ct)).ToArray();
        var ids = Enumerable.Range(1, 3).Select(transport.IdOf).ToArray();

        // Answered last first, all three in one stream cut at odd places.
        byte[] stream = [.. Attrs(ids[2], 300), .. Attrs(ids[0], 100), .. Attrs(ids[1], 200)];
        transport.Deliver(stream, piece: 7);

        Assert.Equal([100UL, 200UL, 300UL], (await Task.WhenAll(stats).WaitAsync(TimeSpan.FromSeconds(30), Ct)).Select(a => a.Size));
        Assert.Equal(0, engine.InFlight);
    }

    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 3, 4, 5 })]
    [InlineData(new[] { 29 })] // within the first packet, then across many
    [InlineData(new[] { 600, 2, 131, 7 })] // several whole packets and the start of another in one delivery
    [InlineData(new[] { 100_000 })] // everything at once
    public async Task DataReplies_CutAnywhere_EachArrivesWholeAndInItsSlot(int[] pieces)
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        var slots = Enumerable.Range(0, 12).Select(i => new ReadSlot(256) { Offset = i * 256, Length = 256 }).ToArray();
        foreach (var slot in slots)
        {
            engine.Read([9], (ulong)slot.Offset, slot.Length, slot);
        }

        // Replies of different sizes (0 to 253 bytes), each filled with its own index, in one stream.
        byte[] Content(int i) => Enumerable.Repeat((byte)(i + 1), i * 23).ToArray();
        var stream = Enumerable.Range(0, 12).SelectMany(i => Packet(SftpPacketType.Data, U32(transport.IdOf(i + 1)), Bytes(Content(i)))).ToArray();
        for (int at = 0, n = 0; at < stream.Length; n++)
        {
            var piece = Math.Min(pieces[n % pieces.Length], stream.Length - at);
            transport.Receiver!.Received(stream.AsSpan(at, piece));
            at += piece;
        }

        for (var i = 0; i < slots.Length; i++)
        {
            await slots[i].Answered().WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.Equal(Content(i), slots[i].Received.ToArray());
            slots[i].Dispose();
        }

        Assert.Equal(0, engine.InFlight);
    }

    [Fact]
    public async Task ReadSlot_DataThenEndOfFile_CopiedOnTheReadingThreadWithoutATask()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        using var data = new ReadSlot(16) { Offset = 0, Length = 16 };
        using var end = new ReadSlot(16) { Offset = 5, Length = 16 };
        engine.Read([9], 0, 16, data);
        engine.Read([9], 5, 16, end);

        transport.Deliver([.. Packet(SftpPacketType.Data, U32(transport.IdOf(1)), Bytes([1, 2, 3, 4, 5])),
            .. Packet(SftpPacketType.Status, U32(transport.IdOf(2)), U32((uint)SftpStatusCode.Eof), Str("EOF"), Str(""))]);

        Assert.True(data.Answered().IsCompletedSuccessfully && end.Answered().IsCompletedSuccessfully); // answered during the delivery
        Assert.Equal([1, 2, 3, 4, 5], data.Received.ToArray());
        Assert.Equal(0, end.Received.Length);
    }

    [Fact]
    public async Task Status_NoSuchFileAndFailure_SshNetsExceptionsWithTheServersMessage()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        var missing = engine.RemoveAsync("/nope", Ct);
        var refused = engine.RmDirAsync("/full", Ct);

        transport.Deliver([.. Status(transport.IdOf(1), SftpStatusCode.NoSuchFile, "No such file"), .. Status(transport.IdOf(2), SftpStatusCode.Failure, "Directory not empty")]);

        Assert.Equal("No such file", (await Assert.ThrowsAsync<Renci.SshNet.Common.SftpPathNotFoundException>(() => missing)).Message);
        var failure = await Assert.ThrowsAsync<SftpStatusException>(() => refused);
        Assert.Equal(SftpStatusCode.Failure, failure.Code);
        Assert.Equal("Directory not empty", failure.Message);
    }

    [Fact]
    public async Task Request_CancelledWhileInFlight_ThrowsAndItsLateReplyIsDropped()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        using var cancel = new CancellationTokenSource();
        var stat = engine.StatAsync("/slow", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stat);
        var next = engine.StatAsync("/next", Ct);
        transport.Deliver([.. Attrs(transport.IdOf(1), 1), .. Attrs(transport.IdOf(2), 2)]);
        Assert.Equal(2UL, (await next.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Size);
    }

    [Fact]
    public async Task Transport_ClosesWithRequestsInFlight_EveryOneFailsAndLaterOnesFailAtOnce()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        var stat = engine.StatAsync("/a", Ct);
        var slot = new WriteSlot();
        engine.Write([1], 0, [1, 2], slot);

        transport.Receiver!.Closed(new IOException("connection reset"));

        await Assert.ThrowsAsync<SshConnectionException>(() => stat);
        await Assert.ThrowsAsync<SshConnectionException>(() => slot.Answered());
        await Assert.ThrowsAsync<SshConnectionException>(() => engine.StatAsync("/b", Ct));
        Assert.False(engine.IsOpen);
    }

    [Fact]
    public async Task Write_LongerThanTheServersLimit_SentAsSeveralWritesAtTheirOffsets()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        var data = Enumerable.Range(0, SftpEngine.DefaultChunk * 2 + 10).Select(i => (byte)i).ToArray();
        var writing = engine.WriteAsync([7], 1000, data, Ct);

        Assert.Equal(4, transport.Sent.Count); // INIT and three writes, all in flight before any reply
        transport.Deliver([.. Status(transport.IdOf(1), SftpStatusCode.Ok, ""), .. Status(transport.IdOf(3), SftpStatusCode.Ok, ""), .. Status(transport.IdOf(2), SftpStatusCode.Ok, "")]);
        await writing.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var offsets = Enumerable.Range(1, 3).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(transport.Sent[i].AsSpan(9 + 4 + 1))).ToArray();
        Assert.Equal([1000UL, 1000UL + SftpEngine.DefaultChunk, 1000UL + SftpEngine.DefaultChunk * 2], offsets);
    }

    [Fact]
    public async Task ShortestRoundTrip_SendToReplyOfTheQuickestRequest_NotTheWorkAroundIt()
    {
        var (transport, engine) = await StartedAsync();
        using var _ = engine;
        Assert.Equal(TimeSpan.Zero, engine.ShortestRoundTrip); // no reply yet

        // A reply held back 200 ms after its request was sent: no request was answered sooner, so the shortest wait is
        // at least that, and at most the time around the whole call.
        var around = System.Diagnostics.Stopwatch.StartNew();
        var slow = engine.StatAsync("/slow", Ct);
        var held = System.Diagnostics.Stopwatch.StartNew();
        await WaitForAsync(() => held.Elapsed >= TimeSpan.FromMilliseconds(200));
        transport.Deliver(Attrs(transport.IdOf(1), 1));
        await slow.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.InRange(engine.ShortestRoundTrip, TimeSpan.FromMilliseconds(200), around.Elapsed);

        // One answered as soon as it was sent: the shortest is now within the span from its send to its reply.
        var quick = System.Diagnostics.Stopwatch.StartNew();
        var fast = engine.StatAsync("/fast", Ct);
        transport.Deliver(Attrs(transport.IdOf(2), 2));
        var span = quick.Elapsed;
        await fast.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.InRange(engine.ShortestRoundTrip, TimeSpan.FromTicks(1), span);

        // A later, slower reply does not raise it.
        var shortest = engine.ShortestRoundTrip;
        var later = engine.StatAsync("/later", Ct);
        var wait = System.Diagnostics.Stopwatch.StartNew();
        await WaitForAsync(() => wait.Elapsed > shortest + TimeSpan.FromMilliseconds(20));
        transport.Deliver(Attrs(transport.IdOf(3), 3));
        await later.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(shortest, engine.ShortestRoundTrip);
    }

    private static async Task<(ScriptedTransport Transport, SftpEngine Engine)> StartedAsync()
    {
        var transport = new ScriptedTransport();
        var starting = SftpEngine.StartAsync(transport, Ct);
        transport.Deliver(Packet(SftpPacketType.Version, U32(3)));
        return (transport, await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    private static byte[] Attrs(uint id, ulong size) => Packet(SftpPacketType.Attrs, U32(id), U32(SftpAttributes.SizeFlag), U64(size));

    private static byte[] Status(uint id, SftpStatusCode code, string message) => Packet(SftpPacketType.Status, U32(id), U32((uint)code), Str(message), Str(""));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition());
    }
}
