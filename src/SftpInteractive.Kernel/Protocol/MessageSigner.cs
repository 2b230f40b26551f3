using System.Security.Cryptography;
using System.Text;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>HMAC-SHA256 signatures over header, parent header, metadata and content, as lowercase hex.
/// An empty key means signing is off (Jupyter then sends and expects an empty signature).</summary>
internal sealed class MessageSigner
{
    private readonly byte[] _key;

    public MessageSigner(string key) => _key = Encoding.UTF8.GetBytes(key);

    /// <summary>True when a key is set.</summary>
    public bool IsEnabled => _key.Length > 0;

    /// <summary>The signature of the four frames, or "" when signing is off.</summary>
    public string Sign(ReadOnlySpan<byte[]> frames)
    {
        if (!IsEnabled)
        {
            return string.Empty;
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var frame in frames)
        {
            hmac.AppendData(frame);
        }

        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Checks a received signature in constant time.</summary>
    public bool Verify(string signature, ReadOnlySpan<byte[]> frames)
    {
        if (!IsEnabled)
        {
            return true;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(frames));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
