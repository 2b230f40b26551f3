using Renci.SshNet;
using Renci.SshNet.Security;

namespace SftpInteractive;

/// <summary>A key source for SSH.NET's public key method made of given algorithms (here: an agent key, with its
/// certificate first when there is one).</summary>
internal sealed class HostAlgorithmSource(IReadOnlyCollection<HostAlgorithm> algorithms, string description) : IPrivateKeySource
{
    /// <inheritdoc />
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => algorithms;

    /// <inheritdoc />
    public override string ToString() => description;
}
