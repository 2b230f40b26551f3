using System.Buffers.Binary;
using System.Text;
using Renci.SshNet;

namespace SftpInteractive;

/// <summary>The OpenSSH transport's side of the connector: one <see cref="OpenSshMaster"/> per session (started on the
/// first connection, started again when it died), every SFTP connection and command a channel of it. No SSH.NET
/// connection is made.</summary>
internal sealed partial class SshConnector
{
    private readonly SemaphoreSlim _masterLock = new(1, 1);
    // Cancelled when the session closes: a login still waiting (on a prompt, on the user) is called off with it.
    private readonly CancellationTokenSource _closing = new();
    private OpenSshMaster? _master;

    /// <summary>The running master, or null (tests look at its command line).</summary>
    internal OpenSshMaster? Master => _master;

    /// <summary>Why the session's master ended by itself (its keepalive went unanswered…), or null while it runs.</summary>
    internal string? MasterEndReason => _master?.EndReason;

    /// <summary>Runs <paramref name="command"/> in a channel of the session's master.</summary>
    /// <exception cref="SftpConnectionException">No channel could be opened (the connection is gone).</exception>
    public async Task<(string Stdout, string Stderr, int ExitCode)> RunOpenSshAsync(string command, CancellationToken cancellationToken)
    {
        for (int attempt = 0, refused = 0; ; attempt++)
        {
            var master = await MasterAsync(mayAsk: true, cancellationToken).ConfigureAwait(false);
            try
            {
                return await master.RunAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenSshLoginException e) when (SaysChannelRefused(e.Message) && master.IsAlive)
            {
                // Every channel the server allows (MaxSessions) is open: the pool's idle ones give way to the command.
                if (++refused > 3 || ChannelsWanted is not { } release)
                {
                    throw new SftpConnectionException($"The server refused another channel on the connection to {settings.Target} (its MaxSessions " +
                        $"limit, sshd's default is 10; the session's transfers hold the others): {e.Message}", e);
                }

                SftpLog.Info($"ssh master for {settings.Route}: the server refused a channel for a command (MaxSessions); closing the pool's idle channels");
                release();
                await Task.Delay(TimeSpan.FromMilliseconds(250 * refused), cancellationToken).ConfigureAwait(false); // they close as their ssh ends
            }
            catch (OpenSshLoginException e)
            {
                if (attempt > 0 || !await EndedAsync(master, cancellationToken).ConfigureAwait(false))
                {
                    throw new SftpConnectionException($"The connection to {settings.Target} is gone: {e.Message} Call Reconnect().", e);
                }

                SftpLog.Info($"ssh master for {settings.Route} ended ({e.Message}); starting it again");
            }
        }
    }

    /// <summary>Called when the server refused a channel for a command because all it allows are open: the session's
    /// transfer pool closes its idle channels.</summary>
    internal Action? ChannelsWanted { get; set; }

    /// <summary>Ends the master after the session found the connection dead (a keepalive probe went unanswered), so the
    /// next connection logs in afresh instead of opening channels on a stalled one.</summary>
    public void DisposeMaster() => Interlocked.Exchange(ref _master, null)?.Dispose();

    /// <summary>True when <paramref name="e"/> is the server refusing one more channel on the master's connection (its
    /// MaxSessions, sshd's default 10), not a lost connection: the transfer pool keeps the channels it has.</summary>
    internal static bool IsChannelRefused(Exception e) => e.Data.Contains(ChannelRefusedMarker);

    private const string ChannelRefusedMarker = "sftpi.channel-refused";

    // ssh's mux client when the server refuses the session channel: "session request failed: Session open refused by
    // peer"; a refused channel open in general says "open failed" with the reason ("administratively prohibited").
    private static bool SaysChannelRefused(string said) =>
        said.Contains("open refused", StringComparison.OrdinalIgnoreCase) || said.Contains("administratively prohibited", StringComparison.OrdinalIgnoreCase);

    private ObjectDisposedException Closed(Exception? inner = null) =>
        new($"The session to {settings.Target} was closed; the ssh login it waited for was called off.", inner);

    // The session closes: the master ends, and a login still under way (a master waiting on a prompt) is called off.
    private void CloseOpenSsh()
    {
        if (!_closing.IsCancellationRequested)
        {
            _closing.Cancel();
        }

        DisposeMaster();
    }

    private async Task<SftpClient> ConnectOpenSshAsync(bool mayAsk, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var master = await MasterAsync(mayAsk, cancellationToken).ConfigureAwait(false);
            try
            {
                return await OpenSshSftpClient.OpenAsync(settings, master, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenSshLoginException e)
            {
                if (SaysChannelRefused(e.Message) && master.IsAlive)
                {
                    var refused = new SftpConnectionException($"The server refused another SFTP channel on the connection to {settings.Target} " +
                        $"(its MaxSessions limit, sshd's default is 10): {e.Message}", e);
                    refused.Data[ChannelRefusedMarker] = true;
                    throw refused;
                }

                if (attempt > 0 || !await EndedAsync(master, cancellationToken).ConfigureAwait(false))
                {
                    throw new SftpConnectionException($"Cannot open an SFTP channel to {settings.Target}: {e.Message}", e);
                }

                // The connection was cut a moment ago and the master is going: one new login, then the channel again.
                SftpLog.Info($"ssh master for {settings.Route} ended ({e.Message}); starting it again");
            }
        }
    }

    // A channel failed: was it because the master is ending? (Bounded: a live master answers at once.)
    private static async Task<bool> EndedAsync(OpenSshMaster master, CancellationToken cancellationToken)
    {
        try
        {
            await master.Exited.WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<OpenSshMaster> MasterAsync(bool mayAsk, CancellationToken cancellationToken)
    {
        if (_closing.IsCancellationRequested)
        {
            throw Closed();
        }

        using var closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            await _masterLock.WaitAsync(closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Closed();
        }

        try
        {
            if (_master is { IsAlive: true } alive)
            {
                return alive;
            }

            DisposeMaster();
            var master = await StartMasterAsync(mayAsk, cancellationToken).ConfigureAwait(false);
            _master = master;
            if (_closing.IsCancellationRequested)
            {
                // Closed while it logged in: it must not outlive the session.
                DisposeMaster();
                throw Closed();
            }

            return master;
        }
        finally
        {
            _masterLock.Release();
        }
    }

    private async Task<OpenSshMaster> StartMasterAsync(bool mayAsk, CancellationToken cancellationToken)
    {
        // Prompts belong to this login: when it ends, a prompt still waiting for the user is called off; so does
        // closing the session (the master, killed with its askpass helper, leaves nothing waiting).
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var responder = new KeyboardInteractiveResponder(settings, attempt.Token, _typedPassword, mayAsk);
        var verifier = new HostKeyVerifier(settings, TrustedFingerprint);
        // A jump host's prompts get its own responder: the target's SFTP_PASSWORD and SFTP_TOTP_SECRET are never sent there.
        var hopSettings = Enumerable.Range(0, settings.JumpHosts.Count).Select(i => JumpHostSettings.For(settings, i)).ToList();
        var hops = hopSettings.Select(hop => ($"{hop.Username}@{hop.Host}", new KeyboardInteractiveResponder(hop, attempt.Token, null, mayAsk))).ToList();
        // Each jump host's key is checked by our policy under its own name, as over SSH.NET.
        var hopKeys = hopSettings.Select(hop => (Hop: hop, Verifier: new HostKeyVerifier(hop, null))).ToList();
        SftpLog.Info($"ssh master: logging in to {settings.Route} with {OpenSshProgram.Path} (OpenSSH {OpenSshProgram.Version})");
        try
        {
            var master = await OpenSshMaster.StartAsync(settings, PlanOpenSshLogin, q => Answer(q, ResponderFor(q, responder, hops), verifier, hopKeys), attempt.Token)
                .ConfigureAwait(false);
            TrustedFingerprint ??= verifier.PresentedFingerprint;
            TrustedKeyType ??= verifier.PresentedKeyType;
            TrustedKey ??= verifier.PresentedKey;
            _typedPassword = responder.TypedPassword ?? _typedPassword;
            OpenSshNotes(master.Negotiation.AgentRefusals); // an agent that refused, though another key logged in
            ConnectionLog.Connected(settings, master.Negotiation);
            SftpLog.Info($"ssh master: logged in to {settings.Route} (host key {verifier.PresentedFingerprint})");
            return master;
        }
        catch (OpenSshLoginException e) when (_closing.IsCancellationRequested)
        {
            throw Closed(e); // its prompt was called off: not a refused login
        }
        catch (SftpInteractiveException e)
        {
            ConnectionLog.Failed(settings, e); // the plan found a problem before ssh started
            throw;
        }
        catch (OpenSshLoginException e)
        {
            var hopRefused = hopKeys.FindLastIndex(h => h.Verifier.Refusal is not null);
            var mapped = hopRefused >= 0 ? OnJumpHost(hopKeys[hopRefused].Verifier.Refusal!, hopRefused + 1, hopKeys[hopRefused].Hop)
                : JumpHostOf(e, verifier) is { } place
                ? OnJumpHost(MapOpenSshError(e, verifier, hops[place.Number - 1].Item2, place.Settings), place.Number, place.Settings)
                : MapOpenSshError(e, verifier, responder);
            ConnectionLog.Failed(settings, mapped);
            throw mapped;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"Connecting to {settings.Target} was cancelled.", e, cancellationToken);
        }
        catch (OperationCanceledException e) when (_closing.IsCancellationRequested)
        {
            throw Closed(e);
        }
        finally
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            if (!responder.IsAnswering)
            {
                attempt.Dispose(); // otherwise the prompt still holds its token; the collector takes both
            }
        }
    }

    // ssh names the account it asks for ("(user@host) Password: ", "user@host's password: "): a jump host's account gets
    // that hop's responder; when a hop and the target share user and host, the hop's (which asks instead of using .env).
    private static KeyboardInteractiveResponder ResponderFor(OpenSshQuestion question, KeyboardInteractiveResponder target, List<(string Account, KeyboardInteractiveResponder Responder)> hops)
    {
        var text = question.Text.TrimStart();
        foreach (var (account, hop) in hops)
        {
            if (text.StartsWith($"({account})", StringComparison.Ordinal) || text.StartsWith($"{account}'s ", StringComparison.Ordinal))
            {
                return hop;
            }
        }

        return target;
    }

    private string? Answer(OpenSshQuestion question, KeyboardInteractiveResponder responder, HostKeyVerifier verifier, List<(SftpSettings Hop, HostKeyVerifier Verifier)> hopKeys)
    {
        switch (question.Kind)
        {
            case OpenSshQuestionKind.HostKey:
                // %H is the name known_hosts uses: a jump host's ([host]:port), unless it is the target's.
                var name = question.Arguments.Length > 1 ? question.Arguments[1] : "";
                var hop = name == KnownHostsFile.HostName(settings.Host, settings.Port) ? -1
                    : hopKeys.FindLastIndex(h => KnownHostsFile.HostName(h.Hop.Host, h.Hop.Port) == name);
                return hop < 0 ? HostKeyAnswer(question.Arguments, verifier, null) : HostKeyAnswer(question.Arguments, hopKeys[hop].Verifier, hopKeys[hop].Hop);
            case OpenSshQuestionKind.Secret:
                return responder.AnswerAskpass(question.Text);
            case OpenSshQuestionKind.Notice:
                settings.Notice?.Invoke(question.Text.Trim());
                return string.Empty;
            default:
                SftpLog.Info($"ssh askpass: ssh asks to confirm '{question.Text.Trim()}': refused (no confirmation through SftpInteractive)");
                return null;
        }
    }

    // KnownHostsCommand's arguments: reason (HOSTNAME, ADDRESS, ORDER), known_hosts name, key type, base64 key. The
    // answer is the known_hosts lines ssh may trust: for the key shown, that key when our policy trusts it, else none;
    // without a key (ORDER: which host key algorithms to ask for first), the keys the policy already knows.
    private string HostKeyAnswer(string[] arguments, HostKeyVerifier verifier, SftpSettings? hop)
    {
        if (arguments.Length < 4 || arguments[0] != "HOSTNAME")
        {
            return arguments is [_, { } name, ..] && arguments[0] == "ORDER" ? string.Join('\u001f', KnownKeys(name, hop)) : string.Empty;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(arguments[3]);
        }
        catch (FormatException)
        {
            return string.Empty;
        }

        var type = KeyType(key);
        return verifier.Decide(type, key) ? $"{arguments[1]} {type} {arguments[3]}" : string.Empty;
    }

    private IEnumerable<string> KnownKeys(string name, SftpSettings? hop)
    {
        if (hop is null && TrustedKey is { } trusted)
        {
            return [$"{name} {KeyType(trusted)} {Convert.ToBase64String(trusted)}"];
        }

        var s = hop ?? settings;
        return s.HostKeyPolicy == HostKeyPolicy.Pinned ? []
            : KnownHostsFile.Find(s.KnownHostsFiles, s.Host, s.Port).Where(e => !e.Revoked)
                .Select(e => $"{name} {e.KeyType} {Convert.ToBase64String(e.Key)}").Distinct();
    }

    // A key blob starts with its type (string ssh-ed25519, ssh-rsa…), the name known_hosts uses.
    private static string KeyType(byte[] blob)
    {
        if (blob.Length < 4)
        {
            return string.Empty;
        }

        var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(blob), (uint)(blob.Length - 4));
        return Encoding.ASCII.GetString(blob, 4, length);
    }

    // Which jump host ssh's words are about: a hop's own ssh names its account ("user@host: Permission denied"), and a
    // host key refused by ssh itself is a hop's (the target's goes through our policy, which says so in Refusal).
    // When hop and target share user and host, the target's ssh saying it never got a server's banner
    // (kex_exchange_identification) tells that the words are the hop's: the target was never reached.
    private (int Number, SftpSettings Settings)? JumpHostOf(OpenSshLoginException e, HostKeyVerifier verifier)
    {
        var targetNeverReached = e.Message.Contains("kex_exchange_identification", StringComparison.Ordinal)
            || e.Message.Contains("Connection closed by UNKNOWN", StringComparison.Ordinal);
        for (var i = settings.JumpHosts.Count - 1; i >= 0; i--)
        {
            var hop = JumpHostSettings.For(settings, i);
            if (e.Message.Contains($"{hop.Username}@{hop.Host}:", StringComparison.Ordinal)
                && (targetNeverReached || !e.Message.Contains($"{settings.Username}@{settings.Host}:", StringComparison.Ordinal))
                || verifier.Refusal is null && verifier.PresentedKey is null && e.Message.Contains("Host key verification failed", StringComparison.Ordinal) && i == 0)
            {
                return (i + 1, hop);
            }
        }

        return null;
    }

    // The same error, saying which jump host it happened on (as SshConnector's hop connectors say it over SSH.NET).
    private SftpInteractiveException OnJumpHost(SftpInteractiveException e, int number, SftpSettings jumpHost)
    {
        var message = $"Jump host {number} of {settings.JumpHosts.Count} ({jumpHost.Target}) failed: {e.Message}";
        return e switch
        {
            SftpAuthenticationException => new SftpAuthenticationException(message, e),
            SftpHostKeyException => new SftpHostKeyException(message, e),
            SftpConfigException => new SftpConfigException(message, e),
            _ => new SftpConnectionException(message, e),
        };
    }

    private SftpInteractiveException MapOpenSshError(OpenSshLoginException e, HostKeyVerifier verifier, KeyboardInteractiveResponder responder, SftpSettings? jumpHost = null)
    {
        var said = e.Message;
        var target = $"{settings.Host}:{settings.Port}";
        if (jumpHost is not null)
        {
            return said.Contains("Host key verification failed", StringComparison.Ordinal) || said.Contains("REMOTE HOST IDENTIFICATION", StringComparison.Ordinal)
                ? new SftpHostKeyException($"ssh refused the host key of {KnownHostsFile.HostName(jumpHost.Host, jumpHost.Port)} under the host-key policy ({said}). " +
                    $"Check the known_hosts file ({SettingKeys.KnownHosts}) or {SettingKeys.HostKeyPolicy}.")
                : !said.Contains("Permission denied", StringComparison.Ordinal) ? new SftpConnectionException($"ssh could not connect through {jumpHost.Target} ({said}).", e)
                : responder.Unanswered.Count > 0 && jumpHost.PrivateKeyPaths.Count == 0 && jumpHost.IdentityAgent is null && settings.Prompt is null
                    // As over SSH.NET: nothing but a prompt could log in there, and nobody can answer one.
                    ? new SftpConfigException($"No credentials for the jump host {jumpHost.Target}: give it an IdentityFile in ~/.ssh/config, load its key into ssh-agent, " +
                        $"or connect where you can be prompted ({SettingKeys.Password} and {SettingKeys.TotpSecret} are for the target and never sent to a jump host).")
                    : new SftpAuthenticationException($"Authentication failed for {jumpHost.Target} (OpenSSH said: {said}). A jump host takes keys from its own IdentityFile " +
                        $"in ~/.ssh/config, from the ssh-agent, or the session's key files; a password only at a prompt (the target's {SettingKeys.Password} is never sent to a jump host).", e);
        }

        if (verifier.Refusal is { } refusal)
        {
            return refusal;
        }

        if (settings.JumpHosts.Count > 0 && said.Contains("stdio forwarding failed", StringComparison.Ordinal))
        {
            return new SftpConnectionException($"The jump host {JumpHostSettings.For(settings, settings.JumpHosts.Count - 1).Target} could not reach {target} ({said}). " +
                "Check that the target's host and port are right as seen from the jump host, and that the jump host allows TCP forwarding to it (AllowTcpForwarding, PermitOpen).", e);
        }

        if (said.Contains("Host key verification failed", StringComparison.Ordinal) || said.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal))
        {
            return new SftpHostKeyException(
                $"OpenSSH refused a host key on the way to {settings.Route} ({said}). Check the known_hosts file ({SettingKeys.KnownHosts}) or {SettingKeys.HostKeyPolicy}.");
        }

        if (said.Contains("Unable to negotiate", StringComparison.Ordinal))
        {
            return new SftpConnectionException($"The SSH handshake with {target} failed (OpenSSH said: {said}).{ChosenAlgorithms(e)}", e);
        }

        if (said.Contains("Permission denied", StringComparison.Ordinal) || said.Contains("Too many authentication failures", StringComparison.Ordinal))
        {
            var notes = OpenSshNotes(said);
            var hint = responder.Unanswered.Count > 0
                ? $"ssh asked '{string.Join("', '", responder.Unanswered)}' and nothing could answer: " +
                  (responder.Unanswered.Any(KeyboardInteractiveResponder.IsCodePrompt) ? $"set {SettingKeys.TotpSecret}" : $"set {SettingKeys.Password}") +
                  " in your .env, or run where you can be prompted."
                : $"Check {string.Join(" / ", CredentialKeys())}" + (settings.EnvFile is null ? "." : $" in {LocalPaths.Display(settings.EnvFile)}.");
            return new SftpAuthenticationException(
                $"Authentication failed for {settings.Target} (tried: {string.Join(", ", _openSshPlan.Methods)}; OpenSSH said: {said}). {hint}{Redactor.Redact(notes.Suffix)}", e);
        }

        if (said.Contains("Connection refused", StringComparison.Ordinal))
        {
            return new SftpConnectionException($"Connection refused by {target}. Is the SFTP server running, and is {SettingKeys.Port} right? (OpenSSH said: {said})", e);
        }

        if (said.Contains("Could not resolve hostname", StringComparison.Ordinal))
        {
            return new SftpConnectionException(
                $"Cannot resolve the host name '{settings.Host}'. Check {SettingKeys.Host} (or the HostName of that alias in ~/.ssh/config). (OpenSSH said: {said})", e);
        }

        return said.Contains("timed out", StringComparison.OrdinalIgnoreCase)
            ? new SftpConnectionException($"Timed out connecting to {settings.Route}. Check host, port and firewall, or raise {SettingKeys.Timeout}. (OpenSSH said: {said})", e)
            : new SftpConnectionException($"ssh could not connect to {settings.Route} ({said}).", e);
    }
}
