using System.Numerics;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace SftpInteractive;

/// <summary>
/// Writes a private key that SSH.NET loaded (a PuTTY <c>.ppk</c>, which <c>ssh</c> cannot read) as an unencrypted
/// OpenSSH key file (<c>openssh-key-v1</c>, OpenSSH's PROTOCOL.key), so the OpenSSH transport can offer it. The file
/// is written into the master's private (0700) directory with mode 0600 and deleted as soon as the login ended.
/// </summary>
internal static class OpenSshKeyFile
{
    /// <summary>The format's first bytes (PROTOCOL.key), after base64 decoding.</summary>
    internal const string Magic = "openssh-key-v1\0";

    /// <summary>The armor line before the base64 text; ssh wants it as the file's first bytes.</summary>
    internal const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";

    /// <summary>The armor line after the base64 text.</summary>
    internal const string End = "-----END OPENSSH PRIVATE KEY-----";

    /// <summary>True when <paramref name="path"/> is a PuTTY key file.</summary>
    public static bool IsPutty(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine()?.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="key"/> (loaded from <paramref name="source"/>) to <paramref name="path"/>.</summary>
    /// <exception cref="SftpConfigException">A key type this writer does not know.</exception>
    public static void Write(PrivateKeyFile key, string source, string path)
    {
        var text = Encode(key, $"converted from {Path.GetFileName(source)}", source);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // ssh refuses a key others can read
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>The OpenSSH key file text for <paramref name="key"/>.</summary>
    /// <exception cref="SftpConfigException">A key type this writer does not know.</exception>
    internal static string Encode(PrivateKeyFile key, string comment, string source)
    {
        var publicBlob = key.HostKeyAlgorithms.OfType<KeyHostAlgorithm>().First(a => a is not CertificateHostAlgorithm).Data;
        var offset = 0;
        var type = Encoding.ASCII.GetString(SshWire.ReadString(publicBlob, ref offset));
        using var section = new MemoryStream();
        var check = (uint)Random.Shared.Next();
        SshWire.WriteUInt32(section, check);
        SshWire.WriteUInt32(section, check);
        section.Write(SshWire.Strings(type));
        switch (key.Key)
        {
            case RsaKey rsa:
                foreach (var n in (BigInteger[])[rsa.Modulus, rsa.Exponent, rsa.D, rsa.InverseQ, rsa.P, rsa.Q])
                {
                    section.Write(SshWire.Strings(n.ToByteArray(isUnsigned: false, isBigEndian: true)));
                }

                break;
            case ED25519Key ed:
                var secret = ed.PrivateKey.Length == 64 ? ed.PrivateKey : [.. ed.PrivateKey, .. ed.PublicKey];
                section.Write(SshWire.Strings(ed.PublicKey, secret));
                break;
            case EcdsaKey ec when ec.Ecdsa is { } ecdsa:
                var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
                var curve = SshWire.ReadString(publicBlob, ref offset);
                var point = SshWire.ReadString(publicBlob, ref offset);
                section.Write(SshWire.Strings(curve, point, new BigInteger(parameters.D, isUnsigned: true, isBigEndian: true).ToByteArray(isUnsigned: false, isBigEndian: true)));
                break;
            default:
                throw new SftpConfigException(
                    $"The key {LocalPaths.Display(source)} ({type}) cannot be handed to OpenSSH: convert it with 'puttygen {source} -O private-openssh -o KEY' " +
                    $"and point {SettingKeys.PrivateKey} at KEY, or use SFTP_TRANSPORT=sshnet.");
        }

        section.Write(SshWire.Strings(comment));
        for (byte pad = 1; section.Length % 8 != 0; pad++)
        {
            section.WriteByte(pad);
        }

        using var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes(Magic));
        file.Write(SshWire.Strings("none", "none", Array.Empty<byte>()));
        SshWire.WriteUInt32(file, 1);
        file.Write(SshWire.Strings(publicBlob, section.ToArray()));
        var body = Convert.ToBase64String(file.ToArray());
        var lines = Enumerable.Range(0, (body.Length + 69) / 70).Select(i => body.Substring(i * 70, Math.Min(70, body.Length - i * 70)));
        return $"{Begin}\n{string.Join('\n', lines)}\n{End}\n";
    }
}
