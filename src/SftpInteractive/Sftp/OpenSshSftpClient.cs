namespace SftpInteractive;

/// <summary>
/// A session's connection handle on the OpenSSH transport: its SFTP engine runs over the session's
/// <see cref="OpenSshMaster"/> (the master's own <c>sftp</c> session, started with the login, for the first connection;
/// an <c>ssh -S … -s sftp</c> channel for the others); it is connected while that engine is open.
/// </summary>
internal sealed class OpenSshSftpClient : EngineSftpClient
{
    private OpenSshSftpClient(SftpSettings settings, SftpEngine engine, string home) : base(settings, engine) => Home = home;

    /// <summary>The remote directory the SFTP server starts in (its <c>realpath(".")</c>).</summary>
    public string Home { get; }

    /// <summary>Opens an SFTP stream over <paramref name="master"/> and starts the engine on it.</summary>
    /// <exception cref="OpenSshLoginException">The channel could not be opened (the master is gone).</exception>
    public static async Task<OpenSshSftpClient> OpenAsync(SftpSettings settings, OpenSshMaster master, CancellationToken cancellationToken)
    {
        if (master.TakeOwnSession() is { } own)
        {
            return new OpenSshSftpClient(settings, own.Engine, own.Home);
        }

        var transport = OpenSshTransport.StartChannel(master.ControlPath, master.Host, settings.Route);
        try
        {
            var (engine, home) = await SftpEngine.StartWithHomeAsync(transport, null, cancellationToken).ConfigureAwait(false);
            return new OpenSshSftpClient(settings, engine, home);
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
    }
}
