using System.Text;

namespace SftpInteractive;

/// <summary>
/// Recognises an unencrypted private key in OpenSSH's own format (<c>openssh-key-v1</c>, OpenSSH's PROTOCOL.key) whose
/// parts agree: cipher and KDF <c>none</c>, one key, the two check numbers equal, the private section's public parts the
/// same as the public key's (<c>ssh-ed25519</c>, <c>ssh-rsa</c>, <c>ecdsa-sha2-*</c>), the comment, then the padding
/// 1, 2, 3…. Such a file needs no passphrase and <c>ssh</c> reads it as it is, so the OpenSSH transport's login plan
/// leaves it to ssh instead of loading it through SSH.NET (whose Ed25519 loading alone costs ~50 ms of processor time
/// beside ssh's key exchange). Anything else (encrypted, PEM, PuTTY, another key type, a damaged file) is not plain:
/// the plan loads it as before and says what is wrong with it.
/// </summary>
internal static class PlainOpenSshKey
{
    private const string Begin = OpenSshKeyFile.Begin;
    private const string End = OpenSshKeyFile.End;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes(OpenSshKeyFile.Magic);

    /// <summary>True when <paramref name="path"/> is a plain OpenSSH private key as described above; false for every
    /// other file, one that cannot be read included (its loader then names the problem).</summary>
    public static bool Check(string path)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > 64 * 1024)
            {
                return false; // larger than any key; not read into memory here
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return Parse(text);
    }

    /// <summary>The check on the text of a key file.</summary>
    internal static bool Parse(string text)
    {
        // ssh (sshkey.c) wants the armor line first, as the file's first bytes.
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (!text.StartsWith(Begin, StringComparison.Ordinal) || end < 0)
        {
            return false;
        }

        try
        {
            var data = Convert.FromBase64String(text[Begin.Length..end]);
            return IsPlain(data);
        }
        catch (FormatException)
        {
            return false; // bad base64, or a length that runs past the data
        }
    }

    private static bool IsPlain(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Magic))
        {
            return false;
        }

        var offset = Magic.Length;
        if (Text(data, ref offset) != "none" || Text(data, ref offset) != "none" || SshWire.ReadString(data, ref offset).Length != 0
            || SshWire.ReadUInt32(data, ref offset) != 1)
        {
            return false;
        }

        var publicBlob = SshWire.ReadString(data, ref offset);
        var section = SshWire.ReadString(data, ref offset);
        if (offset != data.Length)
        {
            return false;
        }

        var at = 0;
        var pub = 0;
        if (SshWire.ReadUInt32(section, ref at) != SshWire.ReadUInt32(section, ref at))
        {
            return false; // what a wrong passphrase would leave; here: a damaged file
        }

        var type = Text(section, ref at);
        if (type != Text(publicBlob, ref pub) || !PartsAgree(type, publicBlob, ref pub, section, ref at) || pub != publicBlob.Length)
        {
            return false;
        }

        SshWire.ReadString(section, ref at); // the comment
        var padding = section.Length - at;
        for (var i = 0; i < padding; i++)
        {
            if (section[at + i] != i + 1)
            {
                return false;
            }
        }

        return padding < 8 && section.Length % 8 == 0;
    }

    // The private section's fields after the key type, checked against the public key's (sshkey.c's order).
    private static bool PartsAgree(string type, byte[] publicBlob, ref int pub, byte[] section, ref int at)
    {
        switch (type)
        {
            case "ssh-ed25519":
                var key = SshWire.ReadString(section, ref at);
                var secret = SshWire.ReadString(section, ref at);
                return key.Length == 32 && secret.Length == 64 && key.AsSpan().SequenceEqual(SshWire.ReadString(publicBlob, ref pub))
                    && secret.AsSpan(32).SequenceEqual(key);
            case "ssh-rsa":
                var e = SshWire.ReadString(publicBlob, ref pub);
                var n = SshWire.ReadString(publicBlob, ref pub);
                var fields = new byte[6][]; // n, e, d, iqmp, p, q
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = SshWire.ReadString(section, ref at);
                }

                return fields.All(f => f.Length > 0) && fields[0].AsSpan().SequenceEqual(n) && fields[1].AsSpan().SequenceEqual(e);
            case "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521":
                var curve = SshWire.ReadString(section, ref at);
                var point = SshWire.ReadString(section, ref at);
                var d = SshWire.ReadString(section, ref at);
                return d.Length > 0 && curve.AsSpan().SequenceEqual(SshWire.ReadString(publicBlob, ref pub))
                    && point.AsSpan().SequenceEqual(SshWire.ReadString(publicBlob, ref pub));
            default:
                return false;
        }
    }

    private static string Text(ReadOnlySpan<byte> data, ref int offset) => Encoding.ASCII.GetString(SshWire.ReadString(data, ref offset));
}
