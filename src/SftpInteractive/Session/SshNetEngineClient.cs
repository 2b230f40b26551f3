using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A connection on the SSH.NET transport: SSH.NET's SSH connection (key exchange, login, keepalive, channels) with our
/// SFTP engine on one <c>sftp</c> channel of it, started as part of the connect (<see cref="StartEngineAsync"/>).
/// SSH.NET's own SFTP session, which <see cref="SftpClient"/> opens on connect and the library never uses (a second
/// channel kept open on the server, and four round trips: channel, subsystem, INIT, realpath), is opened only when a
/// user asks for SSH.NET's own API (<see cref="WithSshNetSftp"/>). Through a jump host it owns the tunnel.
/// </summary>
internal sealed class SshNetEngineClient(ConnectionInfo info, JumpTunnel? tunnel) : SftpClient(info)
{
    private readonly Lock _gate = new();
    private SftpEngine? _engine;
    private bool _sshNetSftp;

    /// <summary>The remote directory the SFTP server starts in (its <c>realpath(".")</c>).</summary>
    public string Home { get; private set; } = "/";

    /// <inheritdoc />
    public override bool IsConnected => Volatile.Read(ref _engine) is { IsOpen: true };

    /// <summary>Opens the engine's <c>sftp</c> channel on the connected SSH connection and starts the engine (INIT, then
    /// the server's limits and the home directory together).</summary>
    /// <exception cref="Renci.SshNet.Common.SshException">The server refused the channel or the subsystem.</exception>
    public async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        var transport = SshNetSubsystemChannel.Open(this);
        SftpEngine engine;
        try
        {
            (engine, var home) = await SftpEngine.StartWithHomeAsync(transport, null, cancellationToken).ConfigureAwait(false);
            Home = home;
        }
        catch
        {
            transport.Dispose();
            throw;
        }

        SftpEngines.Adopt(this, engine);
        Volatile.Write(ref _engine, engine);
    }

    /// <summary>This client with SSH.NET's own SFTP session opened too, on the same connection (once), for a user who
    /// works with SSH.NET's <see cref="SftpClient"/> API directly.</summary>
    public SftpClient WithSshNetSftp()
    {
        lock (_gate)
        {
            if (!_sshNetSftp)
            {
                base.OnConnected();
                _sshNetSftp = true;
            }
        }

        return this;
    }

    /// <inheritdoc />
    protected override void OnConnected()
    {
        // Not SftpClient's (see the class): the engine starts once the connection is up (StartEngineAsync).
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            SftpEngines.Close(this);
        }

        base.Dispose(disposing);
        if (disposing)
        {
            tunnel?.Dispose();
        }
    }
}
