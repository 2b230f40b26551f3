using Renci.SshNet;

namespace SftpInteractive;

/// <summary>An SSH client that reaches its server through a jump host; disposing it closes its tunnel.</summary>
internal sealed class TunneledSshClient(ConnectionInfo info, JumpTunnel tunnel) : SshClient(info)
{
    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            tunnel.Dispose();
        }
    }
}
