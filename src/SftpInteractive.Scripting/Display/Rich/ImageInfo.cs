using System.Buffers.Binary;

namespace SftpInteractive.Scripting;

/// <summary>What an image's header says: its format and size, read from the magic bytes and the first header
/// (PNG IHDR, GIF logical screen, JPEG start-of-frame), without decoding the pixels.</summary>
/// <param name="MimeType">image/png, image/jpeg or image/gif.</param>
/// <param name="Format">PNG, JPEG or GIF.</param>
/// <param name="Width">Pixels across (0 when the header does not say).</param>
/// <param name="Height">Pixels down (0 when the header does not say).</param>
public sealed record ImageInfo(string MimeType, string Format, int Width, int Height)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads the format and size, or null when the bytes are not a PNG, JPEG or GIF image.</summary>
    public static ImageInfo? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            var ihdr = bytes.Length >= 24 && bytes.Slice(12, 4).SequenceEqual("IHDR"u8);
            return new ImageInfo(MimeTypes.Png, "PNG",
                ihdr ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]) : 0,
                ihdr ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]) : 0);
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            var full = bytes.Length >= 10;
            return new ImageInfo(MimeTypes.Gif, "GIF",
                full ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]) : 0,
                full ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]) : 0);
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            var (width, height) = JpegSize(bytes);
            return new ImageInfo(MimeTypes.Jpeg, "JPEG", width, height);
        }

        return null;
    }

    /// <summary>Walks the JPEG segments up to the first start-of-frame marker, which holds the size.</summary>
    private static (int Width, int Height) JpegSize(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        for (var segments = 0; segments < 1000 && position + 9 < bytes.Length; segments++)
        {
            if (bytes[position] != 0xFF)
            {
                return (0, 0);
            }

            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]));
            }

            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
        }

        return (0, 0);
    }
}
