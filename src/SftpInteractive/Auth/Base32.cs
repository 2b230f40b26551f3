namespace SftpInteractive;

/// <summary>RFC 4648 base32 decoding, forgiving about case, spaces and padding (as authenticator apps show secrets).</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <exception cref="SftpConfigException">A character is not base32.</exception>
    public static byte[] Decode(string text)
    {
        var clean = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)
            .TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                // Never echo the secret: say only what is wrong with it.
                throw new SftpConfigException($"{SettingKeys.TotpSecret} is not valid base32 (letters A-Z and digits 2-7). Copy the secret again from your authenticator set-up.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
