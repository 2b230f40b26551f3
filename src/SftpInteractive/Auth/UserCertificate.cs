namespace SftpInteractive;

/// <summary>An OpenSSH user certificate (<c>id_ed25519-cert.pub</c>): its type and blob, and the key it certifies.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Type">Certificate type, e.g. <c>ssh-ed25519-cert-v01@openssh.com</c>.</param>
/// <param name="Blob">The certificate blob sent to the server.</param>
internal sealed record UserCertificate(string Path, string Type, byte[] Blob)
{
    private const string Suffix = "-cert-v01@openssh.com";

    /// <summary>The plain public key the certificate certifies.</summary>
    public byte[] KeyBlob { get; } = PlainKeyBlob(Blob);

    /// <summary>Reads a certificate file (<c>type base64 [comment]</c>).</summary>
    /// <exception cref="SftpConfigException">The file is not an OpenSSH certificate of a supported key type.</exception>
    public static UserCertificate Load(string path)
    {
        try
        {
            var line = File.ReadLines(path).Select(l => l.Trim()).First(l => l.Length > 0 && !l.StartsWith('#'));
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var blob = Convert.FromBase64String(parts[1]);
            if (!IsCertificateType(parts[0]) || SshWire.KeyType(blob) != parts[0])
            {
                throw new FormatException($"'{parts[0]}' is not a certificate type");
            }

            return new UserCertificate(path, parts[0], blob);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or IndexOutOfRangeException or IOException)
        {
            throw new SftpConfigException(
                $"{LocalPaths.Display(path)} is not an OpenSSH user certificate ({e.Message}). It should look like 'ssh-ed25519-cert-v01@openssh.com AAAA...' (ssh-keygen -s writes it).", e);
        }
    }

    /// <summary>True for <c>*-cert-v01@openssh.com</c>.</summary>
    public static bool IsCertificateType(string type) => type.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The signature algorithm family of a certificate type (<c>ssh-ed25519</c> for <c>ssh-ed25519-cert-v01@openssh.com</c>).</summary>
    public static string PlainType(string certificateType) => certificateType[..^Suffix.Length];

    /// <summary>The plain key blob inside a certificate blob: the type without the suffix, then the key's own fields
    /// (which follow the nonce, PROTOCOL.certkeys).</summary>
    /// <exception cref="FormatException">Malformed, or a key type without a known field count.</exception>
    public static byte[] PlainKeyBlob(byte[] certificate)
    {
        var offset = 0;
        var type = System.Text.Encoding.ASCII.GetString(SshWire.ReadString(certificate, ref offset));
        _ = SshWire.ReadString(certificate, ref offset); // nonce
        var plain = PlainType(type);
        var fields = plain switch
        {
            "ssh-ed25519" => 1,
            "ssh-rsa" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => 2,
            "ssh-dss" => 4,
            _ => throw new FormatException($"certificates of {plain} keys are not supported"),
        };
        var parts = new List<object> { plain };
        for (var i = 0; i < fields; i++)
        {
            parts.Add(SshWire.ReadString(certificate, ref offset));
        }

        return SshWire.Strings([.. parts]);
    }
}
