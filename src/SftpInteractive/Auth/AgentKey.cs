using System.Numerics;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace SftpInteractive;

/// <summary>
/// Stands in for a private key that only the ssh-agent holds. SSH.NET's <see cref="KeyHostAlgorithm"/> needs a
/// <see cref="Key"/>; <see cref="AgentHostAlgorithm"/> overrides everything that would touch it (the public blob and
/// the signature), so this one never signs or verifies anything itself.
/// </summary>
internal sealed class AgentKey : Key
{
    /// <summary>The one instance (it holds nothing).</summary>
    public static AgentKey Instance { get; } = new();

    /// <summary>The signature object handed to SSH.NET; it refuses to be used directly.</summary>
    public DigitalSignature Signature { get; } = new AgentOnly();

    /// <inheritdoc />
    public override BigInteger[] Public => [];

    /// <inheritdoc />
    public override int KeyLength => 0;

    /// <inheritdoc />
    protected override DigitalSignature DigitalSignature => Signature;

    /// <inheritdoc />
    public override string ToString() => "ssh-agent key";

    private sealed class AgentOnly : DigitalSignature
    {
        public override byte[] Sign(byte[] input) => throw new NotSupportedException("This key is held by the ssh-agent; it signs through AgentHostAlgorithm.");

        public override bool Verify(byte[] input, byte[] signature) => throw new NotSupportedException("An ssh-agent key only signs.");
    }
}
