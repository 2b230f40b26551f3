namespace SftpInteractive;

/// <summary>Connecting: the verbs' own state, so written here; each synchronous <c>Connect</c> is declared
/// <c>partial</c> and its body (waiting for its <c>ConnectAsync</c> sibling) is generated.</summary>
public partial class SftpVerbs
{
    /// <summary>Connects with settings from the environment and <c>.env</c> (and the host's command line) and makes
    /// the result the current <see cref="Session"/>.</summary>
    /// <exception cref="SftpConfigException">A required setting is missing.</exception>
    /// <exception cref="SftpAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="SftpHostKeyException">The host key is not trusted.</exception>
    [Verb(VerbGroup.Connect, "connect from .env (or explicit settings); sets Session")]
    public partial SftpSession Connect();

    /// <summary>Connects to <paramref name="host"/> (a name, address or ~/.ssh/config alias); anything not given comes
    /// from the environment and <c>.env</c>.</summary>
    [Verb(VerbGroup.Connect, "connect from .env (or explicit settings); sets Session")]
    public partial SftpSession Connect(string host, string? user = null, string? password = null, int? port = null);

    /// <summary>Connects with explicit <paramref name="options"/>.</summary>
    [Verb(VerbGroup.Connect, "connect from .env (or explicit settings); sets Session")]
    public partial SftpSession Connect(SftpOptions options);

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
        var merged = options.WithDefaults(Defaults);
        var host = VerbHost.Current;
        merged.Prompt ??= host?.Prompt;
        merged.Notice ??= host is null ? null : host.Notice;
        var session = await Sftp.ConnectAsync(merged, cancellationToken).ConfigureAwait(false);
        _session = session;
        return session;
    }

    /// <summary>Closes the current session.</summary>
    [Verb(VerbGroup.Connect, "close the current session", Instant = true)]
    public void Disconnect()
    {
        _session?.Dispose();
        _session = null;
    }
}
