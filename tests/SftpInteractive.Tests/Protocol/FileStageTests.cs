using System.Buffers.Binary;
using System.IO.Pipes;
using static SftpInteractive.Tests.Protocol.ScriptedTransport;

namespace SftpInteractive.Tests.Protocol;

/// <summary>The kernel-moved write path (Linux splice): the bytes that reach the pipe are the file's, a range that
/// starts and ends inside pages fits the stage, the end of the file is a short count, and a write's packet says the
/// length of the data that follows its header.</summary>
public sealed class FileStageTests : IDisposable
{
    private const int Write = 261120; // OpenSSH's limit: 255 KiB, not a whole number of pages

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sftpi-stage-{Guid.NewGuid():N}.bin");
    private readonly byte[] _content = new byte[4 * Write + 1000];

    public FileStageTests()
    {
        new Random(24).NextBytes(_content);
        File.WriteAllBytes(_path, _content);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(0)]
    [InlineData(Write)] // starts 1 KiB before a page's end and ends inside a page: one more page slot than its length
    [InlineData(3 * Write)]
    public void Fill_ARangeOfTheFile_DrainsExactlyThoseBytes(long position)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "splice(2) is Linux's");
        using var stage = FileStage.TryCreate(Write);
        Assert.NotNull(stage);
        using var file = File.OpenHandle(_path);

        var moved = stage.Fill(file, position, Write);

        Assert.Equal(Write, moved);
        Assert.Equal(_content.AsSpan((int)position, Write).ToArray(), Drained(stage, moved));
    }

    [Fact]
    public void Fill_NearTheEnd_MovesWhatIsLeftThenNothing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "splice(2) is Linux's");
        using var stage = FileStage.TryCreate(Write)!;
        using var file = File.OpenHandle(_path);

        Assert.Equal(1000, stage.Fill(file, 4 * Write, Write));
        Assert.Equal(_content[(4 * Write)..], Drained(stage, 1000));
        Assert.Equal(0, stage.Fill(file, _content.Length, Write));
    }

    [Fact]
    public void Fill_AfterAStagedWriteThatWasNeverSent_HoldsOnlyTheNewBytes()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "splice(2) is Linux's");
        using var stage = FileStage.TryCreate(Write)!;
        using var file = File.OpenHandle(_path);

        stage.Fill(file, 0, Write); // its engine closed: never drained
        var moved = stage.Fill(file, 2 * Write, 5000);

        Assert.Equal(_content.AsSpan(2 * Write, 5000).ToArray(), Drained(stage, moved));
    }

    [Fact]
    public async Task WriteStaged_PacketLengthCoversTheDataThatFollowsTheHeader()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "splice(2) is Linux's");
        var transport = new ScriptedTransport { Stages = true };
        var starting = SftpEngine.StartAsync(transport, Ct);
        transport.Deliver(Packet(SftpPacketType.Version, U32(3)));
        using var engine = await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var stage = FileStage.TryCreate(Write)!;
        using var file = File.OpenHandle(_path);
        var moved = stage.Fill(file, Write, Write);

        engine.WriteStaged([1, 2, 3], 5000, stage, moved, new WriteSlot());

        var packet = transport.Sent[^1];
        Assert.Equal((uint)(packet.Length - 4), BinaryPrimitives.ReadUInt32BigEndian(packet)); // one whole packet
        Assert.Equal(SftpPacketType.Write, packet[4]);
        Assert.Equal([0, 0, 0, 3, 1, 2, 3], packet[9..16]); // the handle
        Assert.Equal(5000UL, BinaryPrimitives.ReadUInt64BigEndian(packet.AsSpan(16)));
        Assert.Equal((uint)Write, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(24)));
        Assert.Equal(_content.AsSpan(Write, Write).ToArray(), packet[28..]);
    }

    // Drains the stage into a pipe of our own, read beside it (the stage holds more than a default pipe).
    private static byte[] Drained(FileStage stage, int count)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        using var writer = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        var received = new MemoryStream();
        var reading = Task.Run(() => pipe.CopyTo(received));
        stage.Drain(writer.SafePipeHandle);
        writer.Dispose();
        pipe.DisposeLocalCopyOfClientHandle();
        Assert.True(reading.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(count, (int)received.Length);
        return received.ToArray();
    }
}
