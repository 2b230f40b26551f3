using System.Buffers.Binary;
using System.Text;

namespace SftpInteractive;

/// <summary>The OpenSSH transport's answers to its master's login: each prompt to the responder of the account ssh
/// names (the target's or a jump host's), each host key to our policy (ssh's <c>KnownHostsCommand</c>), and ssh's last
/// words mapped to the session's errors, naming the jump host they happened on.</summary>
internal sealed partial class SshConnector
{
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

    private IEnumerable<string> KnownKeys(string name, SftpSettings? hop) =>
        AcceptedKeys(hop).Select(k => $"{name} {k.Type} {Convert.ToBase64String(k.Key)}").Distinct();

    /// <summary>The host keys our policy accepts without a question (<see cref="HostKeyVerifier.Decide"/> takes each and
    /// no other): the session's key once it has one, else the known_hosts keys that are not also revoked; none when
    /// only a fingerprint is pinned.</summary>
    private IEnumerable<(string Type, byte[] Key)> AcceptedKeys(SftpSettings? hop)
    {
        if (hop is null && TrustedKey is { } trusted)
        {
            return [(KeyType(trusted), trusted)];
        }

        var s = hop ?? settings;
        if (s.HostKeyPolicy == HostKeyPolicy.Pinned || hop is null && TrustedFingerprint is not null)
        {
            return [];
        }

        var entries = KnownHostsFile.Find(s.KnownHostsFiles, s.Host, s.Port);
        return entries.Where(e => !e.Revoked && !entries.Any(r => r.Revoked && r.SameKey(e.Key))).Select(e => (e.KeyType, e.Key));
    }

    /// <summary>The known_hosts lines of a master that checks the target's host key itself (no helper run inside its key
    /// exchange): the keys the policy accepts without a question, under any name (the file is this login's own); null
    /// when there are none (an unknown host, a pinned fingerprint: the policy must see the key).</summary>
    private List<string>? KeysSshMayCheck() => KnownKeys("*", hop: null).ToList() is { Count: > 0 } lines ? lines : null;

    /// <summary>After a login where ssh checked the host key itself: the policy records the key it took (one of
    /// <see cref="AcceptedKeys"/>, found by the fingerprint ssh names), as if it had been asked. False when ssh named
    /// none of them (the login is then tried again with the policy asked).</summary>
    private bool RecordCheckedHostKey(OpenSshNegotiation negotiation, HostKeyVerifier verifier)
    {
        if (negotiation.ServerHostKey is not { } presented)
        {
            return false;
        }

        var key = AcceptedKeys(null).FirstOrDefault(k => KnownHostsFile.Fingerprint(k.Key) == presented.Fingerprint);
        return key.Key is not null && verifier.Decide(key.Type, key.Key);
    }

    private static bool SaysHostKeyRefused(string said) => OpenSshTransport.SaysHostKeyRefused(said);

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
        if (!e.LoginFailed)
        {
            return new SftpConnectionException($"Cannot open an SFTP session to {settings.Route}: {said}", e);
        }

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

        if (SaysHostKeyRefused(said))
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
