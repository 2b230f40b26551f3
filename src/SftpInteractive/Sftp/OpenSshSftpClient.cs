using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A session's connection handle on the OpenSSH transport: the same type the rest of the library passes around
/// (<see cref="SftpClient"/>), but it never opens an SSH.NET connection. Its SFTP engine runs over one
/// <c>ssh -S … -s sftp</c> channel of the session's <see cref="OpenSshMaster"/>; it is connected while that engine is
/// open. SSH.NET's own SFTP methods on it say "not connected": every verb of the library goes through the engine.
/// </summary>
internal sealed class OpenSshSftpClient : SftpClient
{
    private readonly SftpEngine _engine;
    private int _disposed;

    private OpenSshSftpClient(SftpSettings settings, SftpEngine engine, string home)
        : base(new ConnectionInfo(settings.Host, settings.Port, settings.Username, new NoneAuthenticationMethod(settings.Username)))
    {
        (_engine, Home) = (engine, home);
        SftpEngines.Adopt(this, engine);
    }

    /// <summary>The remote directory the SFTP server starts in (its <c>realpath(".")</c>).</summary>
    public string Home { get; }

    /// <summary>The SFTP protocol version the server answered.</summary>
    public uint Version => _engine.Version;

    /// <inheritdoc />
    public override bool IsConnected => Volatile.Read(ref _disposed) == 0 && _engine.IsOpen;

    /// <summary>Opens an SFTP channel over <paramref name="master"/> and starts the engine on it.</summary>
    /// <exception cref="OpenSshLoginException">The channel could not be opened (the master is gone).</exception>
    public static async Task<OpenSshSftpClient> OpenAsync(SftpSettings settings, OpenSshMaster master, CancellationToken cancellationToken)
    {
        var transport = master.OpenSftp(settings.Route);
        SftpEngine engine;
        try
        {
            engine = await SftpEngine.StartAsync(transport, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            transport.Dispose();
            throw new OpenSshLoginException($"ssh could not open an SFTP channel to {settings.Route} ({Redactor.Redact(e.Message)}).", loginFailed: false);
        }
        catch
        {
            transport.Dispose();
            throw;
        }

        try
        {
            var home = await engine.RealPathAsync(".", cancellationToken).ConfigureAwait(false);
            return new OpenSshSftpClient(settings, engine, home) { OperationTimeout = settings.OperationTimeout, BufferSize = SshConnector.BufferSize };
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

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
