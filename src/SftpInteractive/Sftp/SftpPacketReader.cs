using System.Buffers.Binary;
using System.Text;

namespace SftpInteractive;

/// <summary>Reads the fields of one received packet; a packet shorter than its fields is a protocol error.</summary>
internal ref struct SftpPacketReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool IsEmpty => _rest.IsEmpty;

    public byte ReadByte()
    {
        var value = Take(1)[0];
        return value;
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public ReadOnlySpan<byte> ReadBytes() => Take(checked((int)ReadUInt32()));

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public SftpAttributes ReadAttributes() => SftpAttributes.ReadFrom(ref this);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length)
        {
            throw new Renci.SshNet.Common.SshException($"The server sent a malformed SFTP packet ({count:N0} bytes expected, {_rest.Length:N0} left).");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
