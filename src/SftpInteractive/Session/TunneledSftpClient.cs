using Renci.SshNet;

namespace SftpInteractive;

/// <summary>An SFTP client that reaches its server through a jump host; disposing it closes its tunnel.</summary>
internal sealed class TunneledSftpClient(ConnectionInfo info, JumpTunnel tunnel) : SftpClient(info)
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
