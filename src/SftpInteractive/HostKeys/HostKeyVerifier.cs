using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// Decides whether to trust the server's host key according to the policy, known_hosts and, once a session has
/// trusted a key, that exact key for every later connection of the session. Remembers why it refused so the
/// connect error can say so (SSH.NET itself only reports "key exchange failed").
/// </summary>
internal sealed class HostKeyVerifier(SftpSettings settings, string? sessionPinnedFingerprint)
{
    /// <summary>Computes one fingerprint: the first SHA-256 of a process loads the platform's crypto library, which took
    /// 10–15 ms of ssh's key exchange while it waited for our host-key answer (1–2 ms once loaded). The OpenSSH login plan
    /// calls it, beside ssh's start.</summary>
    public static void LoadHashing() => _ = KnownHostsFile.Fingerprint([]);

    /// <summary>Why the key was refused, once it was.</summary>
    public SftpHostKeyException? Refusal { get; private set; }

    /// <summary>Fingerprint of the key that was presented.</summary>
    public string? PresentedFingerprint { get; private set; }

    /// <summary>Algorithm of the key that was presented.</summary>
    public string? PresentedKeyType { get; private set; }

    /// <summary>The key that was presented (its SSH wire blob).</summary>
    public byte[]? PresentedKey { get; private set; }

    /// <summary>Handles SSH.NET's HostKeyReceived event.</summary>
    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        e.CanTrust = Decide(e.HostKeyName, e.HostKey);
    }

    /// <summary>The decision, separated from the event for unit tests.</summary>
    public bool Decide(string keyType, byte[] key)
    {
        var fingerprint = KnownHostsFile.Fingerprint(key);
        PresentedFingerprint = fingerprint;
        PresentedKeyType = keyType;
        PresentedKey = key;
        var name = KnownHostsFile.HostName(settings.Host, settings.Port);

        if (sessionPinnedFingerprint is not null)
        {
            // A later connection of the same session (exec channel, transfer pool, reconnect) must see the same key.
            return fingerprint == sessionPinnedFingerprint || Refuse(
                $"The host key of {name} changed during this session: it was {sessionPinnedFingerprint}, now {keyType} {fingerprint}. " +
                "Someone may be intercepting the connection. Reconnect and check the fingerprint with the server's administrator.");
        }

        if (settings.HostKeyPolicy == HostKeyPolicy.Pinned)
        {
            var pinned = KnownHostsFile.NormalizeFingerprint(settings.HostKeyFingerprint!);
            return fingerprint == pinned || Refuse(
                $"The host key of {name} does not match the pinned fingerprint. Expected {pinned}, the server presented {keyType} {fingerprint}. " +
                $"If the server's key really changed, update {SettingKeys.HostKeyFingerprint}.");
        }

        var entries = KnownHostsFile.Find(settings.KnownHostsFiles, settings.Host, settings.Port);
        if (entries.FirstOrDefault(e => e.Revoked && e.SameKey(key)) is { } revoked)
        {
            return Refuse($"The host key of {name} ({keyType} {fingerprint}) is marked @revoked in {LocalPaths.Display(revoked.Path)} line {revoked.LineNumber}. Do not connect.");
        }

        if (entries.Any(e => !e.Revoked && e.SameKey(key)))
        {
            return true;
        }

        if (entries.FirstOrDefault(e => !e.Revoked && e.KeyType == keyType) is { } changed)
        {
            return Refuse(
                $"WARNING: the host key of {name} has changed! known_hosts ({LocalPaths.Display(changed.Path)} line {changed.LineNumber}) has {changed.KeyType} {changed.Fingerprint}, " +
                $"the server presented {keyType} {fingerprint}. Someone may be intercepting the connection, or the server was reinstalled. " +
                $"If you are sure the new key is right, remove the old one with: ssh-keygen -R '{name}' -f {LocalPaths.Display(changed.Path)}");
        }

        if (settings.HostKeyPolicy == HostKeyPolicy.AcceptNew)
        {
            KnownHostsFile.Load(settings.KnownHostsPath).Add(settings.Host, settings.Port, keyType, key, settings.HashKnownHosts);
            settings.Notice?.Invoke($"Permanently added {name} ({keyType} {fingerprint}) to {LocalPaths.Display(settings.KnownHostsPath)}.");
            return true;
        }

        return Refuse(
            $"The host key of {name} is not in {string.Join(" or ", settings.KnownHostsFiles.Select(LocalPaths.Display))} (strict policy). The server presented {keyType} {fingerprint}. " +
            $"Check that fingerprint with the server's administrator, then either set {SettingKeys.HostKeyPolicy}=accept-new to trust it on first use, " +
            $"or pin it with {SettingKeys.HostKeyFingerprint}={fingerprint}.");
    }

    private bool Refuse(string message)
    {
        Refusal = new SftpHostKeyException(message);
        return false;
    }
}
