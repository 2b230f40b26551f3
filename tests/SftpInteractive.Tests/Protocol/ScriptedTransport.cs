using System.Buffers.Binary;

namespace SftpInteractive.Tests.Protocol;

/// <summary>A transport whose far side is the test: it keeps what the engine sends and delivers what the test writes,
/// in whatever pieces the test chooses.</summary>
internal sealed class ScriptedTransport : ISftpTransport
{
    private readonly List<byte[]> _sent = [];

    public ISftpReceiver? Receiver { get; private set; }

    public bool IsOpen { get; private set; } = true;

    public int PeerPacketSize => 0;

    public int LocalPacketSize => 0;

    /// <summary>Every packet sent so far (length prefix included).</summary>
    public IReadOnlyList<byte[]> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public void Start(ISftpReceiver receiver) => Receiver = receiver;

    public void Send(byte[] data, int offset, int count)
    {
        lock (_sent)
        {
            _sent.Add(data.AsSpan(offset, count).ToArray());
        }
    }

    /// <summary>True to take writes' data from a <see cref="FileStage"/> (as ssh's pipe does on Linux).</summary>
    public bool Stages { get; init; }

    public bool CanSendStaged => Stages;

    /// <summary>Keeps the header and the stage's bytes (drained through a pipe of its own) as one packet.</summary>
    public void SendStaged(byte[] header, int count, FileStage stage)
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using var writer = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.Out, pipe.ClientSafePipeHandle);
        var drained = new MemoryStream();
        var reading = Task.Run(() => pipe.CopyTo(drained));
        stage.Drain(writer.SafePipeHandle);
        writer.Dispose();
        pipe.DisposeLocalCopyOfClientHandle();
        reading.Wait(TimeSpan.FromSeconds(30));
        lock (_sent)
        {
            _sent.Add([.. header.AsSpan(0, count), .. drained.ToArray()]);
        }
    }

    public void Dispose() => IsOpen = false;

    /// <summary>The request id of the <paramref name="index"/>th packet sent.</summary>
    public uint IdOf(int index) => BinaryPrimitives.ReadUInt32BigEndian(Sent[index].AsSpan(5));

    /// <summary>The packet type of the <paramref name="index"/>th packet sent.</summary>
    public byte TypeOf(int index) => Sent[index][4];

    /// <summary>Delivers <paramref name="bytes"/> in pieces of <paramref name="piece"/> bytes.</summary>
    public void Deliver(byte[] bytes, int piece = int.MaxValue)
    {
        for (var i = 0; i < bytes.Length; i += piece)
        {
            Receiver!.Received(bytes.AsSpan(i, Math.Min(piece, bytes.Length - i)));
        }
    }

    /// <summary>One server packet: type, then the fields as already encoded.</summary>
    public static byte[] Packet(byte type, params byte[][] fields)
    {
        var body = fields.SelectMany(f => f).ToArray();
        var packet = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + body.Length));
        packet[4] = type;
        body.CopyTo(packet, 5);
        return packet;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Str(string value) => Bytes(System.Text.Encoding.UTF8.GetBytes(value));

    public static byte[] Bytes(byte[] value) => [.. U32((uint)value.Length), .. value];
}
