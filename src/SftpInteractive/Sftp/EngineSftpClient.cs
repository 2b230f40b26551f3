using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// An SFTP connection handle that is only our engine over a channel (the type the rest of the library passes around is
/// <see cref="SftpClient"/>): it never opens an SSH.NET connection of its own, is connected while its engine is open,
/// and disposing it closes the engine and its channel. SSH.NET's own SFTP methods on it say "not connected": every verb
/// of the library goes through the engine.
/// </summary>
internal abstract class EngineSftpClient : SftpClient
{
    private readonly SftpEngine _engine;
    private int _disposed;

    /// <summary>Adopts the started <paramref name="engine"/>; <paramref name="settings"/> name the host it talks to.</summary>
    protected EngineSftpClient(SftpSettings settings, SftpEngine engine)
        : base(new ConnectionInfo(settings.Host, settings.Port, settings.Username, new NoneAuthenticationMethod(settings.Username)))
    {
        _engine = engine;
        SftpEngines.Adopt(this, engine);
        OperationTimeout = settings.OperationTimeout;
        BufferSize = SshConnector.BufferSize;
    }

    /// <summary>The SFTP protocol version the server answered.</summary>
    public uint Version => _engine.Version;

    /// <inheritdoc />
    public override bool IsConnected => Volatile.Read(ref _disposed) == 0 && _engine.IsOpen;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SftpEngines.Close(this);
            _engine.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// One more <c>sftp</c> channel on an SSH.NET client's connection (<see cref="SshNetSubsystemChannel"/>): no second
/// key exchange or login, one round trip to open, and a window of its own. A large put at distance splits over a few
/// (sshd lets 2 MiB be in flight per channel, so one channel moves at most that per round trip); on a fast link the
/// pool's own connections are used instead, since there each connection's cipher needs a core of its own.
/// </summary>
internal sealed class SshNetChannelSftpClient : EngineSftpClient
{
    private SshNetChannelSftpClient(SftpSettings settings, SftpEngine engine) : base(settings, engine)
    {
    }

    /// <summary>Opens an <c>sftp</c> channel on <paramref name="connection"/>'s SSH connection and starts an engine on it.</summary>
    /// <exception cref="Renci.SshNet.Common.SshException">The connection is gone or the server refused the channel.</exception>
    public static async Task<SftpClient> OpenAsync(SftpSettings settings, SftpClient connection, CancellationToken cancellationToken)
    {
        // SSH.NET waits for the channel's confirmation and the subsystem's reply on the calling thread (two round
        // trips): off the caller's, so several open at once and the caller goes on meanwhile, each waiting on a worker
        // of its own rather than one the cores' work needs.
        ThreadPoolHeadroom.Ensure(SshNetSubsystemChannel.MostOpen);
        var transport = await Task.Run(() => SshNetSubsystemChannel.Open(connection), cancellationToken).ConfigureAwait(false);
        try
        {
            return new SshNetChannelSftpClient(settings, await SftpEngine.StartAsync(transport, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }
}
