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
                    throw ChannelRefusal.Mark(new SftpConnectionException($"The server refused another SFTP channel on the connection to {settings.Target} " +
                        $"(its MaxSessions limit, sshd's default is 10): {e.Message}", e));
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

    // askPolicy: the policy sees the host key through the helper even when ssh could check it against the keys the
    // policy accepts (the second try after ssh refused a key by itself, so the refusal is said in the policy's words).
    private async Task<OpenSshMaster> StartMasterAsync(bool mayAsk, CancellationToken cancellationToken, bool askPolicy = false)
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
        SftpLog.Info($"ssh master: logging in to {settings.Route} with {OpenSshProgram.Path}");
        IReadOnlyList<string>? knownHosts = null;
        try
        {
            // A PuTTY key is converted for ssh by the plan, before ssh starts; otherwise the plan runs beside ssh's start.
            var keysAsGiven = !HasPuttyKeys();
            knownHosts = askPolicy ? null : KeysSshMayCheck();
            var master = await OpenSshMaster.StartAsync(settings, PlanOpenSshLogin, keysAsGiven, q => Answer(q, ResponderFor(q, responder, hops), verifier, hopKeys),
                TrustedKeyType, knownHosts, attempt.Token)
                .ConfigureAwait(false);
            if (knownHosts is not null && !RecordCheckedHostKey(master.Negotiation, verifier))
            {
                master.Dispose();
                return await StartMasterAsync(mayAsk, cancellationToken, askPolicy: true).ConfigureAwait(false);
            }

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
        catch (OpenSshLoginException e) when (knownHosts is not null && SaysHostKeyRefused(e.Message))
        {
            // ssh refused a key outside those the policy accepts without asking: the policy decides, and says why.
            return await StartMasterAsync(mayAsk, cancellationToken, askPolicy: true).ConfigureAwait(false);
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
}
