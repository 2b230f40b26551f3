using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// Opens authenticated, host-key-checked SSH.NET clients for one session. Every connection of a session (SFTP,
/// exec, transfer pool, reconnect) goes through here, so they share settings, tuned algorithms, the trusted key and
/// the ProxyJump chain. A jump host has a connector of its own (<paramref name="hop"/> names it in errors).
/// </summary>
/// <param name="settings">The settings of the host this connector reaches.</param>
/// <param name="hop">For a jump host, its place in the chain (hop 1 is the first); null for the target.</param>
internal sealed partial class SshConnector(SftpSettings settings, (int Number, int Total)? hop = null) : IDisposable
{
    private const string HopMarker = "sftpi.jump-host";

    // The last hop of the chain; it reaches itself through the hops before it (its settings hold those).
    private readonly JumpRoute? _route = settings.JumpHosts.Count == 0 ? null : new JumpRoute(new SshConnector(
        JumpHostSettings.For(settings, settings.JumpHosts.Count - 1), (settings.JumpHosts.Count, hop?.Total ?? settings.JumpHosts.Count)));

    /// <summary>The fast cipher OpenSSH itself prefers on hardware with AES instructions.</summary>
    internal const string PreferredCipher = "aes128-gcm@openssh.com";

    /// <summary>Buffer size for SFTP reads and writes (SSH.NET's 32 KiB default halves throughput).</summary>
    internal const uint BufferSize = 65536;

    /// <summary>The settings this connector uses.</summary>
    public SftpSettings Settings => settings;

    /// <summary>Fingerprint of the host key trusted by the first connection; later connections must match it.</summary>
    public string? TrustedFingerprint { get; private set; }

    /// <summary>Key type of the trusted host key.</summary>
    public string? TrustedKeyType { get; private set; }

    /// <summary>The trusted host key itself (SSH wire blob): the OpenSSH transport's ssh accepts exactly this key.</summary>
    public byte[]? TrustedKey { get; private set; }

    // A password typed at a prompt for a connection that then logged in: the session's later connections (exec, the
    // transfer pool, reconnect) answer with it instead of asking the user once per connection. One-time codes are never
    // kept. It lives only in memory and is registered with the Redactor like every secret.
    private volatile string? _typedPassword;

    /// <summary>True once a connection of this session needed the user for an answer it cannot give again by itself
    /// (a one-time code typed at a prompt): further connections would ask again, so none opens unasked.</summary>
    public bool NeedsUser { get; private set; }

    /// <summary>Connects an SFTP client.</summary>
    public Task<SftpClient> ConnectSftpAsync(CancellationToken cancellationToken) => ConnectSftpAsync(mayAsk: true, cancellationToken);

    /// <summary>Connects an SFTP client; with <paramref name="mayAsk"/> false (nobody waits for it) a prompt the
    /// settings cannot answer fails the connection instead of reaching the user, and so does a jump host connection
    /// that would have to be opened again.</summary>
    public Task<SftpClient> ConnectSftpAsync(bool mayAsk, CancellationToken cancellationToken) =>
        settings.Transport == SftpTransport.OpenSsh ? ConnectOpenSshAsync(mayAsk, cancellationToken)
            : ConnectAsync((info, tunnel) => Tuned(new SshNetEngineClient(info, tunnel)), mayAsk, cancellationToken);

    /// <summary>Connects an SSH.NET SFTP client whatever the transport: on the OpenSSH transport only for a user who asks
    /// for <see cref="SftpSession.Client"/> (a second login; the session itself never uses it).</summary>
    public Task<SftpClient> ConnectSshNetSftpAsync(CancellationToken cancellationToken) =>
        ConnectAsync((info, tunnel) => Tuned(tunnel is null ? new SftpClient(info) : new TunneledSftpClient(info, tunnel)), mayAsk: true, cancellationToken);

    /// <summary>Connects an SSH client for remote commands (and, for a jump host, forwards).</summary>
    public Task<SshClient> ConnectSshAsync(CancellationToken cancellationToken) =>
        ConnectAsync((info, tunnel) => tunnel is null ? new SshClient(info) : new TunneledSshClient(info, tunnel), mayAsk: true, cancellationToken);

    /// <summary>Closes the jump host connections of the session (the clients handed out are closed by their owners).</summary>
    public void Dispose()
    {
        CloseOpenSsh();
        _route?.Dispose();
    }

    private SftpClient Tuned(SftpClient client)
    {
        client.BufferSize = BufferSize;
        client.OperationTimeout = settings.OperationTimeout;
        return client;
    }

    private async Task<T> ConnectAsync<T>(Func<ConnectionInfo, JumpTunnel?, T> create, bool mayAsk, CancellationToken cancellationToken) where T : BaseClient
    {
        try
        {
            return await ConnectOnceAsync(create, mayAsk, cancellationToken).ConfigureAwait(false);
        }
        catch (SftpInteractiveException e) when (hop is { } place && !e.Data.Contains(HopMarker))
        {
            throw JumpHostError(e, place);
        }
    }

    private async Task<T> ConnectOnceAsync<T>(Func<ConnectionInfo, JumpTunnel?, T> create, bool mayAsk, CancellationToken cancellationToken) where T : BaseClient
    {
        var tunnel = _route is null ? null : await _route.OpenAsync(settings.Host, settings.Port, mayAsk, cancellationToken).ConfigureAwait(false);

        // Prompts belong to this attempt: when it ends (connected, failed or timed out) a prompt still waiting for the
        // user is called off, so it does not go on reading the user's next input.
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var responder = new KeyboardInteractiveResponder(settings, attempt.Token, _typedPassword, mayAsk);
        var notes = new AuthNotes();
        List<IDisposable> disposables = [];
        ConnectionInfo info;
        try
        {
            info = CreateConnectionInfo(responder, notes, tunnel, out disposables);
        }
        catch
        {
            tunnel?.Dispose();
            attempt.Dispose();
            throw;
        }

        var verifier = new HostKeyVerifier(settings, TrustedFingerprint);
        var client = create(info, tunnel); // from here on, disposing the client closes the tunnel
        client.HostKeyReceived += verifier.OnHostKeyReceived;
        if (settings.KeepAliveInterval > TimeSpan.Zero)
        {
            client.KeepAliveInterval = settings.KeepAliveInterval;
        }

        try
        {
            ConnectionLog.Connecting(settings, info);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (client is SshNetEngineClient engineClient)
            {
                await engineClient.StartEngineAsync(cancellationToken).ConfigureAwait(false); // its failures map as the connect's
            }

            ConnectionLog.Connected(settings, info);
            TrustedFingerprint ??= verifier.PresentedFingerprint;
            TrustedKeyType ??= verifier.PresentedKeyType;
            TrustedKey ??= verifier.PresentedKey;
            _typedPassword = responder.TypedPassword ?? _typedPassword;
            NeedsUser |= responder.AskedOnce;
            return client;
        }
        catch (Exception e)
        {
            client.Dispose();
            var mapped = MapConnectError(e, verifier, responder, notes, tunnel, info, cancellationToken);
            ConnectionLog.Failed(settings, mapped);
            throw mapped;
        }
        finally
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            if (!responder.IsAnswering)
            {
                attempt.Dispose(); // otherwise the prompt still holds its token; the collector takes both
            }

            foreach (var d in disposables)
            {
                d.Dispose();
            }
        }
    }

    /// <summary>Builds SSH.NET's connection info: auth methods in the order the server is likely to want them (or
    /// PreferredAuthentications), keys ordered as OpenSSH orders agent and file keys, AES-GCM first, and host key
    /// algorithms for which known_hosts has a key first (as OpenSSH orders them), then the user's KexAlgorithms, Ciphers,
    /// MACs and HostKeyAlgorithms (<see cref="AlgorithmChoice"/>). Through a jump host, SSH.NET
    /// connects to the tunnel's loopback port while the host key is still checked under the real name.</summary>
    internal ConnectionInfo CreateConnectionInfo(KeyboardInteractiveResponder responder, AuthNotes notes, JumpTunnel? tunnel, out List<IDisposable> disposables)
    {
        disposables = [];
        var methods = new List<AuthenticationMethod>();
        var keys = IdentityPlan.Build(settings, (path, certificate) => KeyFileLoader.Load(path, settings.Passphrase, certificate), notes, disposables);
        if (keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(settings.Username, [.. keys]));
        }

        if (settings.Password is not null)
        {
            var password = new PasswordAuthenticationMethod(settings.Username, settings.Password);
            disposables.Add(password);
            methods.Add(password);
        }

        if (settings.Password is not null || settings.TotpSecret is not null || settings.Prompt is not null)
        {
            var interactive = new KeyboardInteractiveAuthenticationMethod(settings.Username);
            interactive.AuthenticationPrompt += responder.OnPrompt;

            // Not disposed with the others: SSH.NET answers a prompt on its own thread and, when the attempt has timed
            // out meanwhile, then signals the method's wait handle; disposed, that is a NullReferenceException on a
            // thread no one catches, which ends the process. Its only resource is that wait handle, which the
            // collector reclaims.
            methods.Add(interactive);
        }

        if (settings.PreferredAuthentications.Count > 0)
        {
            // As in OpenSSH: only the listed methods, in the listed order.
            methods = [.. settings.PreferredAuthentications.Select(name => methods.FirstOrDefault(m => m.Name == name)).OfType<AuthenticationMethod>().Distinct()];
        }

        if (methods.Count == 0)
        {
            throw new SftpConfigException(hop is null
                ? $"No credentials for {settings.Target}: set {SettingKeys.Password} or {SettingKeys.PrivateKey} in your .env, load a key into ssh-agent, " +
                  "or pass a prompt handler to be asked interactively." + notes.Suffix
                : $"No credentials for the jump host {settings.Target}: give it an IdentityFile in ~/.ssh/config, load its key into ssh-agent, " +
                  $"or connect where you can be prompted ({SettingKeys.Password} and {SettingKeys.TotpSecret} are for the target and never sent to a jump host)." + notes.Suffix);
        }

        var info = new ConnectionInfo(tunnel is null ? settings.Host : "127.0.0.1", tunnel?.LocalPort ?? settings.Port, settings.Username, [.. methods])
        {
            Timeout = settings.ConnectTimeout,
        };
        MoveFirst(info.Encryptions, [PreferredCipher]);
        var knownTypes = settings.HostKeyPolicy == HostKeyPolicy.Pinned ? [] :
            KnownHostsFile.Find(settings.KnownHostsFiles, settings.Host, settings.Port).Where(e => !e.Revoked).Select(e => e.KeyType).Distinct().ToList();
        if (TrustedKeyType is not null)
        {
            knownTypes.Insert(0, TrustedKeyType);
        }

        MoveFirst(info.HostKeyAlgorithms, AlgorithmsFor(knownTypes));

        // The user's lists last: a plain list is offered exactly as written, over the tuned orders above.
        Choose(info.KeyExchangeAlgorithms, SettingKeys.KexAlgorithms, settings.KexAlgorithms);
        Choose(info.Encryptions, SettingKeys.Ciphers, settings.Ciphers);
        Choose(info.HmacAlgorithms, SettingKeys.Macs, settings.Macs);
        Choose(info.HostKeyAlgorithms, SettingKeys.HostKeyAlgorithms, settings.HostKeyAlgorithms);
        return info;
    }

    private void Choose<TValue>(IDictionary<string, TValue> algorithms, string key, string? spec) =>
        AlgorithmChoice.Apply(algorithms, spec, key, settings.SourceOf(key));

    /// <summary>For a handshake that found no algorithm both sides accept: the lists the user set, and where.</summary>
    private string ChosenAlgorithms(Exception e) =>
        !e.Message.Contains("No matching", StringComparison.OrdinalIgnoreCase) || !settings.AlgorithmChoices.Any() ? string.Empty
            : " The offer was narrowed by " + string.Join(", ", settings.AlgorithmChoices.Select(c => $"{c.Key}={c.Value} ({settings.SourceOf(c.Key)})")) +
              "; widen it, or see what the server accepts with: ssh -vv <host> 2>&1 | grep 'peer server KEXINIT' -A 10.";

    /// <summary>The same error, saying which jump host it happened on and where the chain was going.</summary>
    private SftpInteractiveException JumpHostError(SftpInteractiveException e, (int Number, int Total) place)
    {
        var message = $"Jump host {place.Number} of {place.Total} ({settings.Target}) failed: {e.Message}";
        SftpInteractiveException wrapped = e switch
        {
            SftpAuthenticationException => new SftpAuthenticationException(message, e),
            SftpHostKeyException => new SftpHostKeyException(message, e),
            SftpConfigException => new SftpConfigException(message, e),
            _ => new SftpConnectionException(message, e),
        };
        wrapped.Data[HopMarker] = true;
        return wrapped;
    }

    private static IEnumerable<string> AlgorithmsFor(IEnumerable<string> keyTypes) =>
        keyTypes.SelectMany(t => t == "ssh-rsa" ? RsaAlgorithms : [t]);

    // known_hosts names RSA keys "ssh-rsa"; the signature algorithms that verify them are these.
    private static readonly string[] RsaAlgorithms = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];

    private static void MoveFirst<TValue>(IDictionary<string, TValue> algorithms, IEnumerable<string> first)
    {
        var preferred = first.Where(algorithms.ContainsKey).Distinct().ToList();
        if (preferred.Count == 0)
        {
            return;
        }

        var all = algorithms.ToList();
        algorithms.Clear();
        foreach (var name in preferred)
        {
            algorithms.Add(name, all.First(a => a.Key == name).Value);
        }

        foreach (var (name, value) in all.Where(a => !preferred.Contains(a.Key)))
        {
            algorithms.Add(name, value);
        }
    }

    private Exception MapConnectError(Exception e, HostKeyVerifier verifier, KeyboardInteractiveResponder responder, AuthNotes notes, JumpTunnel? tunnel, ConnectionInfo info, CancellationToken cancellationToken)
    {
        if (e is SftpInteractiveException)
        {
            return e;
        }

        if (verifier.Refusal is { } refusal)
        {
            return refusal;
        }

        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException($"Connecting to {settings.Target} was cancelled.", e, cancellationToken);
        }

        var target = $"{settings.Host}:{settings.Port}";
        if (tunnel is not null && e is not SshAuthenticationException && (tunnel.Failure is not null || e is SshConnectionException or SocketException))
        {
            var jumpHost = _route!.LastHop.Settings.Target;
            return new SftpConnectionException(
                $"The jump host {jumpHost} could not reach {target}: {Redactor.Redact(tunnel.Failure ?? e.Message)}. " +
                "Check that the target's host and port are right as seen from the jump host, and that the jump host allows TCP forwarding to it (AllowTcpForwarding, PermitOpen).", e);
        }

        return e switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new SftpConnectionException(
                $"Connection refused by {target}. Is the SFTP server running, and is {SettingKeys.Port} right?", e),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => new SftpConnectionException(
                $"Cannot resolve the host name '{settings.Host}'. Check {SettingKeys.Host} (or the HostName of that alias in ~/.ssh/config).", e),
            SocketException se => new SftpConnectionException($"Cannot connect to {target}: {se.Message}.", e),
            // The connect timeout also runs while the user is at a prompt: say so, or "check the firewall" misleads.
            SshOperationTimeoutException or TimeoutException when responder.WaitingFor is { } prompt => new SftpAuthenticationException(
                $"No answer to the server's prompt '{prompt}' within {Format.Duration(settings.ConnectTimeout)}, the connect timeout for {settings.Target}. " +
                $"Answer sooner, or raise {SettingKeys.Timeout} (it counts the time at the prompt too).", e),
            SshOperationTimeoutException or TimeoutException => new SftpConnectionException(
                $"Timed out after {Format.Duration(settings.ConnectTimeout)} connecting to {target}. Check host, port and firewall, or raise {SettingKeys.Timeout}.", e),
            SshAuthenticationException => AuthenticationError(e, responder, notes, info),
            SshConnectionException => new SftpConnectionException($"The SSH handshake with {target} failed: {Redactor.Redact(e.Message)}{ChosenAlgorithms(e)}", e),
            _ => new SftpConnectionException($"Cannot connect to {target}: {Redactor.Redact(e.Message)}", e),
        };
    }

    private SftpAuthenticationException AuthenticationError(Exception e, KeyboardInteractiveResponder responder, AuthNotes notes, ConnectionInfo info)
    {
        var tried = string.Join(", ", info.AuthenticationMethods.Select(m => m.Name).Distinct());
        var hint = responder.Unanswered.Count > 0
            ? $"The server asked '{string.Join("', '", responder.Unanswered)}' and nothing could answer: " +
              (responder.Unanswered.Any(KeyboardInteractiveResponder.IsCodePrompt) ? $"set {SettingKeys.TotpSecret}" : $"set {SettingKeys.Password}") +
              " in your .env, or run where you can be prompted."
            : hop is not null
                ? "A jump host takes keys from its own IdentityFile in ~/.ssh/config, from the ssh-agent, or the session's key files; " +
                  "a password only at a prompt (the target's SFTP_PASSWORD is never sent to a jump host)."
                : $"Check {string.Join(" / ", CredentialKeys())}" + (settings.EnvFile is null ? "." : $" in {LocalPaths.Display(settings.EnvFile)}.");
        return new SftpAuthenticationException(
            $"Authentication failed for {settings.Target} (tried: {tried}; server said: {Redactor.Redact(e.Message)}). {hint}{Redactor.Redact(notes.Suffix)}", e);
    }

    internal IEnumerable<string> CredentialKeys()
    {
        if (settings.Password is not null)
        {
            yield return SettingKeys.Password;
        }

        if (settings.PrivateKeyPaths.Count > 0)
        {
            yield return SettingKeys.PrivateKey;
        }

        if (settings.TotpSecret is not null)
        {
            yield return SettingKeys.TotpSecret;
        }

        yield return SettingKeys.Username;
    }
}
