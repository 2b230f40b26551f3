using System.Buffers.Binary;
using System.Text;

namespace SftpInteractive;

/// <summary>The SSH wire encoding (RFC 4251 §5) that the agent protocol and key blobs use: big-endian uint32 and
/// length-prefixed strings.</summary>
internal static class SshWire
{
    /// <summary>Concatenates length-prefixed strings (byte arrays, or text as UTF-8).</summary>
    public static byte[] Strings(params object[] parts)
    {
        using var buffer = new MemoryStream();
        foreach (var part in parts)
        {
            var bytes = part as byte[] ?? Encoding.UTF8.GetBytes((string)part);
            WriteUInt32(buffer, (uint)bytes.Length);
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a big-endian uint32.</summary>
    public static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>Reads a big-endian uint32 at <paramref name="offset"/> and moves past it.</summary>
    /// <exception cref="FormatException">The data ends early.</exception>
    public static uint ReadUInt32(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset + 4 > data.Length)
        {
            throw new FormatException("SSH data ends inside a length field.");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        offset += 4;
        return value;
    }

    /// <summary>Reads a length-prefixed string at <paramref name="offset"/> and moves past it.</summary>
    /// <exception cref="FormatException">The data ends early.</exception>
    public static byte[] ReadString(ReadOnlySpan<byte> data, ref int offset)
    {
        var length = ReadUInt32(data, ref offset);
        if (length > data.Length - offset)
        {
            throw new FormatException("SSH data ends inside a string.");
        }

        var value = data.Slice(offset, (int)length).ToArray();
        offset += (int)length;
        return value;
    }

    /// <summary>The key type a public key (or certificate) blob starts with, e.g. <c>ssh-ed25519</c>.</summary>
    /// <exception cref="FormatException">The blob is malformed.</exception>
    public static string KeyType(byte[] blob)
    {
        var offset = 0;
        return Encoding.ASCII.GetString(ReadString(blob, ref offset));
    }
}
