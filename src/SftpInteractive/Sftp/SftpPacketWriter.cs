using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SftpInteractive;

/// <summary>
/// Builds one SFTP packet (length, type, request id, fields) in a buffer rented from the shared pool; the engine sends
/// it and gives the buffer back. Big-endian, strings as UTF-8 with a 32-bit length, as the draft's section 3 says.
/// </summary>
internal struct SftpPacketWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public SftpPacketWriter(byte type, int capacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
        _length = 4; // the packet length, written by Finish
        WriteByte(type);
    }

    /// <summary>The offset of the request id (right after the length and the type).</summary>
    public const int IdOffset = 5;

    public readonly int Length => _length;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteUInt64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Ensure(4 + count);
        WriteUInt32((uint)count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(4 + value.Length);
        WriteUInt32((uint)value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void WriteAttributes(in SftpAttributes attributes) => attributes.WriteTo(ref this);

    /// <summary>Sets the request id and the length (with <paramref name="following"/> bytes sent after these, from
    /// elsewhere: a write's data from a <see cref="FileStage"/>); the bytes written here.</summary>
    public readonly ArraySegment<byte> Finish(uint id, int following = 0)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(IdOffset), id);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, (uint)(_length - 4 + following));
        return new ArraySegment<byte>(_buffer, 0, _length);
    }

    /// <summary>The packet's bytes as written, without a request id (SSH_FXP_INIT).</summary>
    public readonly ArraySegment<byte> FinishWithoutId()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, (uint)(_length - 4));
        return new ArraySegment<byte>(_buffer, 0, _length);
    }

    public void Dispose()
    {
        if (_buffer is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Ensure(int count)
    {
        if (_length + count <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
