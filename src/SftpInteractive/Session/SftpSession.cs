using Renci.SshNet;

namespace SftpInteractive;

/// <summary>
/// A connected SFTP session: browse, manage, transfer, search and run commands. Paths may be relative to
/// <see cref="WorkingDirectory"/> or start with <c>~</c> or <c>~user</c> (the verbs have the server expand it). Every
/// operation is async with a <see cref="CancellationToken"/> and honours the host's per-submission token (<see cref="SftpCancellation"/>); synchronous conveniences exist for
/// interactive use. Create one with <see cref="Sftp.ConnectAsync(SftpOptions?, CancellationToken)"/>.
/// </summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed partial class SftpSession : IAsyncDisposable, IDisposable, IRichDisplay
{
    private readonly SshConnector _connector;
    private SftpClient _client;
    private string _cwd;
    private bool _disposed;

    private SftpSession(SshConnector connector, SftpClient client, string home)
    {
        _connector = connector;
        _client = client;
        Home = home;
        _cwd = home;
        StartWatchdog();
    }

    /// <summary>Connects with resolved settings.</summary>
    /// <exception cref="SftpHostKeyException">The host key is unknown (strict), changed, or not the pinned one.</exception>
    /// <exception cref="SftpAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="SftpConnectionException">The server cannot be reached.</exception>
    internal static async Task<SftpSession> ConnectAsync(SftpSettings settings, CancellationToken cancellationToken)
    {
        var connector = new SshConnector(settings);
        try
        {
            var client = await connector.ConnectSftpAsync(cancellationToken).ConfigureAwait(false);
            var session = new SftpSession(connector, client, client switch { OpenSshSftpClient o => o.Home, SshNetEngineClient n => n.Home, _ => client.WorkingDirectory });
            _ = session.LoadOwnerNames(); // four small requests that overlap whatever the caller does next
            session.WarmUpPool();
            return session;
        }
        catch
        {
            connector.Dispose(); // jump host connections opened on the way
            throw;
        }
    }

    /// <summary>The resolved settings (secrets are masked when shown).</summary>
    public SftpSettings Settings => _connector.Settings;

    /// <summary>The remote home directory (where the session started).</summary>
    public string Home { get; }

    /// <summary>The current remote directory that relative paths start from.</summary>
    public string WorkingDirectory => _cwd;

    /// <summary>True while the SFTP connection is up.</summary>
    public bool IsConnected => !_disposed && IsUp(_client);

    /// <summary>SHA256 fingerprint of the server's trusted host key.</summary>
    public string? HostKeyFingerprint => _connector.TrustedFingerprint;

    /// <summary>The underlying SSH.NET client, for anything the helper does not cover. On the SSH.NET transport its own
    /// SFTP session opens on the session's connection at the first use (the session's requests go through our engine);
    /// on the OpenSSH transport the session has none: the first use opens one (a second login, over SSH.NET) and the
    /// session closes it.</summary>
    public SftpClient Client => _client switch { OpenSshSftpClient => SshNetClient(), SshNetEngineClient n => n.WithSshNetSftp(), _ => _client };

    /// <summary>Turns a relative or <c>~</c> path into an absolute, normalised remote path; <c>~user</c> as
    /// <see cref="ResolvePathAsync"/> does (asking the server once for that user's home).</summary>
    /// <exception cref="SftpInteractiveException">The path names <c>~user</c> and the server cannot expand it.</exception>
    public string ResolvePath(string path) => IsTildeUser(path)
        ? ResolvePathAsync(path).AsTask().GetAwaiter().GetResult()
        : RemotePath.Resolve(_cwd, string.IsNullOrEmpty(path) ? "." : path, Home);

    // ~user or ~user/…, not ~ or ~/…: only the server knows where that is.
    private static bool IsTildeUser(string? path) =>
        path is ['~', _, ..] && path[1] != '/';

    /// <summary>Reconnects after the connection was lost, restoring the working directory.</summary>
    /// <exception cref="SftpConnectionException">The server still cannot be reached.</exception>
    [Verb(VerbGroup.Connect, "reconnect after a drop, keeping the working directory")]
    public async Task ReconnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var fresh = await _connector.ConnectSftpAsync(token).ConfigureAwait(false);
        var old = Interlocked.Exchange(ref _client, fresh);
        _lostReason = null;
        old.Dispose();
        await DisposeExecClientAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWatchdog();
        _channels?.Dispose(); // before the connection they are channels of
        _client.Dispose();
        _sshNetClient?.Dispose();
        _pool?.Dispose();
        _ssh?.Dispose();
        _sshLock.Dispose();
        _healLock.Dispose();
        _connector.Dispose(); // the jump host connections, after every connection through them
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public string ToText() => $"SftpSession {Settings.Target} — {(IsConnected ? "connected" : "disconnected")}, cwd {_cwd}, host key {HostKeyFingerprint}";

    /// <inheritdoc />
    public string ToHtml() => $"<div class=\"sftpi-session\"><b>{System.Net.WebUtility.HtmlEncode(Settings.Target)}</b> — " +
                              $"{(IsConnected ? "connected" : "disconnected")}, cwd <code>{System.Net.WebUtility.HtmlEncode(_cwd)}</code>, " +
                              $"host key <code>{HostKeyFingerprint}</code></div>";

    /// <inheritdoc />
    public override string ToString() => ToText();

    /// <summary>SSH.NET's IsConnected throws once a client is disposed (the keepalive watchdog disposes dead ones).</summary>
    internal static bool IsUp(Renci.SshNet.BaseClient client)
    {
        try
        {
            return client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Runs one remote operation with the ambient token linked in and errors translated.</summary>
    internal async Task<T> GuardAsync<T>(string operation, string? path, Func<SftpClient, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        token.ThrowIfCancellationRequested();
        try
        {
            return await action(_client, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SftpInteractiveException && e is not OperationCanceledException)
        {
            throw SftpErrors.Map(e, operation, path, this);
        }
    }

    /// <summary><see cref="GuardAsync{T}"/> for operations without a result.</summary>
    internal Task GuardAsync(string operation, string? path, Func<SftpClient, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        GuardAsync<bool>(operation, path, async (c, t) =>
        {
            await action(c, t).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
