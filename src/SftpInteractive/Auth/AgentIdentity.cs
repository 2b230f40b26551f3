namespace SftpInteractive;

/// <summary>One key (or certificate) held by the ssh-agent: its public blob and comment.</summary>
/// <param name="Blob">Public key or certificate blob, as the agent listed it.</param>
/// <param name="Comment">The agent's comment (usually the file it was added from).</param>
internal sealed record AgentIdentity(byte[] Blob, string Comment)
{
    /// <summary>Key type, e.g. <c>ssh-ed25519</c> or <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public string KeyType { get; } = SshWire.KeyType(Blob);

    /// <summary>The plain public key blob (for a certificate: the key it certifies).</summary>
    public byte[] KeyBlob { get; } = UserCertificate.IsCertificateType(SshWire.KeyType(Blob)) ? UserCertificate.PlainKeyBlob(Blob) : Blob;

    /// <summary>"ssh-ed25519 SHA256:... (comment)", for messages.</summary>
    public override string ToString() => $"{KeyType} {KnownHostsFile.Fingerprint(KeyBlob)} ({Comment})";
}
