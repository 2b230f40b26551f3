using Renci.SshNet.Security;

namespace SftpInteractive;

/// <summary>
/// One public key algorithm backed by the ssh-agent: SSH.NET offers <see cref="Data"/> (a public key or certificate
/// blob) and asks <see cref="Sign"/> for the signature, which the agent makes. A refusal does not throw (that would
/// end the whole login): it is noted and answered with an empty signature, which the server rejects like any wrong
/// key, so the next key and the other methods are still tried.
/// </summary>
internal sealed class AgentHostAlgorithm(string name, byte[] data, byte[] signingBlob, uint flags, SshAgentClient agent, AuthNotes notes, string description)
    : KeyHostAlgorithm(name, AgentKey.Instance, AgentKey.Instance.Signature)
{
    /// <summary>The key or certificate blob offered to the server.</summary>
    public override byte[] Data => data;

    /// <inheritdoc />
    public override byte[] Sign(byte[] data)
    {
        try
        {
            if (agent.Sign(signingBlob, data, flags) is { } signature)
            {
                return signature;
            }

            notes.Add($"the ssh-agent refused to sign with {description} (key removed from the agent, or confirmation denied)");
        }
        catch (IOException e)
        {
            notes.Add($"the ssh-agent could not sign with {description}: {e.Message}");
        }

        var algorithm = UserCertificate.IsCertificateType(Name) ? UserCertificate.PlainType(Name) : Name;
        return SshWire.Strings(algorithm, Array.Empty<byte>());
    }

    /// <summary>The algorithms to offer for a key or certificate of <paramref name="keyType"/>, with the agent's
    /// signature flags: RSA as rsa-sha2-512 then rsa-sha2-256 (OpenSSH servers refuse SHA-1 ssh-rsa since 8.8).</summary>
    public static IEnumerable<(string Name, uint Flags)> NamesFor(string keyType) => keyType switch
    {
        "ssh-rsa" => [("rsa-sha2-512", SshAgentClient.RsaSha2512), ("rsa-sha2-256", SshAgentClient.RsaSha2256)],
        "ssh-rsa-cert-v01@openssh.com" => [("rsa-sha2-512-cert-v01@openssh.com", SshAgentClient.RsaSha2512), ("rsa-sha2-256-cert-v01@openssh.com", SshAgentClient.RsaSha2256)],
        _ => [(keyType, 0u)],
    };
}
