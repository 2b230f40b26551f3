namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Connects with settings from the environment and <c>.env</c> (and the host's command line) and makes
    /// the result the current <see cref="Session"/>.</summary>
    /// <exception cref="SftpConfigException">A required setting is missing.</exception>
    /// <exception cref="SftpAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="SftpHostKeyException">The host key is not trusted.</exception>
    public SftpSession Connect() => ConnectAsync().GetAwaiter().GetResult();

    /// <summary>Connects to <paramref name="host"/> (a name, address or ~/.ssh/config alias); anything not given comes
    /// from the environment and <c>.env</c>.</summary>
    public SftpSession Connect(string host, string? user = null, string? password = null, int? port = null) =>
        ConnectAsync(host, user, password, port).GetAwaiter().GetResult();

    /// <summary>Connects with explicit <paramref name="options"/>.</summary>
    public SftpSession Connect(SftpOptions options) => ConnectAsync(options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Connect()"/>.</summary>
    public Task<SftpSession> ConnectAsync(CancellationToken cancellationToken = default) =>
        ConnectAsync(new SftpOptions(), cancellationToken);

    /// <summary>Async <see cref="Connect(string, string?, string?, int?)"/>.</summary>
    public Task<SftpSession> ConnectAsync(string host, string? user = null, string? password = null, int? port = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new SftpOptions { Host = host, Username = user, Password = password, Port = port }, cancellationToken);

    /// <summary>Async <see cref="Connect(SftpOptions)"/>.</summary>
    public async Task<SftpSession> ConnectAsync(SftpOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var merged = Merge(options, Defaults);
        var sink = Sink;
        merged.Prompt ??= sink?.Prompt;
        merged.Notice ??= sink is null ? null : message => sink.StandardOutput.WriteLine(Redactor.Redact(message));
        var session = await Sftp.ConnectAsync(merged, cancellationToken).ConfigureAwait(false);
        _session = session;
        return session;
    }

    /// <summary>Reconnects the current session after the connection dropped, restoring the working directory.</summary>
    public void Reconnect() => Session.Reconnect();

    /// <summary>Async <see cref="Reconnect"/>.</summary>
    public Task ReconnectAsync(CancellationToken cancellationToken = default) => Session.ReconnectAsync(cancellationToken);

    /// <summary>Closes the current session.</summary>
    public void Disconnect()
    {
        _session?.Dispose();
        _session = null;
    }

    /// <summary>Where each connection setting came from (argument, environment, .env, ssh_config), secrets masked.</summary>
    public ConnectionExplanation Explain() => Session.Explain();

    // Explicit values win; the host's defaults fill the gaps.
    private static SftpOptions Merge(SftpOptions explicitOptions, SftpOptions? defaults)
    {
        if (defaults is null)
        {
            return explicitOptions;
        }

        return new SftpOptions
        {
            Host = explicitOptions.Host ?? defaults.Host,
            Port = explicitOptions.Port ?? (explicitOptions.Host is null ? defaults.Port : null),
            Username = explicitOptions.Username ?? (explicitOptions.Host is null ? defaults.Username : null),
            Password = explicitOptions.Password ?? (explicitOptions.Host is null ? defaults.Password : null),
            PrivateKeyPath = explicitOptions.PrivateKeyPath ?? (explicitOptions.Host is null ? defaults.PrivateKeyPath : null),
            Passphrase = explicitOptions.Passphrase ?? defaults.Passphrase,
            TotpSecret = explicitOptions.TotpSecret ?? defaults.TotpSecret,
            KnownHostsPath = explicitOptions.KnownHostsPath ?? defaults.KnownHostsPath,
            HashKnownHosts = explicitOptions.HashKnownHosts ?? defaults.HashKnownHosts,
            Jump = explicitOptions.Jump ?? (explicitOptions.Host is null ? defaults.Jump : null),
            CertificatePath = explicitOptions.CertificatePath ?? (explicitOptions.Host is null ? defaults.CertificatePath : null),
            IdentityAgent = explicitOptions.IdentityAgent ?? defaults.IdentityAgent,
            IdentitiesOnly = explicitOptions.IdentitiesOnly ?? defaults.IdentitiesOnly,
            HostKeyPolicy = explicitOptions.HostKeyPolicy ?? defaults.HostKeyPolicy,
            HostKeyFingerprint = explicitOptions.HostKeyFingerprint ?? defaults.HostKeyFingerprint,
            ConnectTimeout = explicitOptions.ConnectTimeout ?? defaults.ConnectTimeout,
            OperationTimeout = explicitOptions.OperationTimeout ?? defaults.OperationTimeout,
            KeepAliveInterval = explicitOptions.KeepAliveInterval ?? defaults.KeepAliveInterval,
            KeepAliveCountMax = explicitOptions.KeepAliveCountMax ?? defaults.KeepAliveCountMax,
            PreferredAuthentications = explicitOptions.PreferredAuthentications ?? defaults.PreferredAuthentications,
            EnvFile = explicitOptions.EnvFile ?? defaults.EnvFile,
            WorkingDirectory = explicitOptions.WorkingDirectory ?? defaults.WorkingDirectory,
            SshConfigPath = explicitOptions.SshConfigPath ?? defaults.SshConfigPath,
            Prompt = explicitOptions.Prompt ?? defaults.Prompt,
            Notice = explicitOptions.Notice ?? defaults.Notice,
            Environment = explicitOptions.Environment ?? defaults.Environment,
            TimeProvider = explicitOptions.TimeProvider ?? defaults.TimeProvider,
        };
    }
}
