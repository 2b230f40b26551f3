namespace SftpInteractive;

/// <summary>
/// The settings of one jump host, derived from the target's. Each hop resolves its own HostName, User, Port and
/// IdentityFile under its own name (through <see cref="SftpSettings.SshConfigLookup"/>, the same ssh_config
/// resolution the target used) and is checked against known_hosts under its own name. It shares the target's
/// agent, known_hosts file, policy, timeouts and prompt handler; it never receives the target's password or TOTP
/// secret (a jump host gets those only from the user at a prompt). Without its own IdentityFile it offers the
/// target's key files, the common "one key everywhere" set-up.
/// </summary>
internal static class JumpHostSettings
{
    /// <summary>Settings for hop <paramref name="index"/> of <paramref name="target"/>'s chain; that hop itself is
    /// reached through the hops before it.</summary>
    public static SftpSettings For(SftpSettings target, int index)
    {
        var hop = target.JumpHosts[index];
        var entry = target.SshConfigLookup?.Invoke(hop.Host);
        var ownKeys = entry?.IdentityFiles.Where(File.Exists).ToList() ?? [];
        return new SftpSettings
        {
            Host = entry?.HostName ?? hop.Host,
            HostAlias = hop.Host,
            Port = hop.Port != 0 ? hop.Port : entry?.Port ?? 22,
            Username = hop.User ?? entry?.User ?? Environment.UserName,
            PrivateKeyPaths = ownKeys.Count > 0 ? ownKeys : target.PrivateKeyPaths,
            DefaultKeyPaths = ownKeys.Count > 0 ? [] : target.DefaultKeyPaths,
            Passphrase = ownKeys.Count > 0 ? null : target.Passphrase,
            KnownHostsPath = target.KnownHostsPath,
            KnownHostsPaths = target.KnownHostsPaths,
            HashKnownHosts = target.HashKnownHosts,
            // A pinned fingerprint belongs to the target; a jump host is checked against known_hosts.
            HostKeyPolicy = target.HostKeyPolicy == HostKeyPolicy.Pinned ? HostKeyPolicy.Strict : target.HostKeyPolicy,
            ConnectTimeout = target.ConnectTimeout,
            OperationTimeout = target.OperationTimeout,
            KeepAliveInterval = target.KeepAliveInterval,
            ServerAliveCountMax = target.ServerAliveCountMax,
            EnvFile = target.EnvFile,
            Prompt = target.Prompt,
            Notice = target.Notice,
            TimeProvider = target.TimeProvider,
            IdentityAgent = target.IdentityAgent,
            IdentitiesOnly = target.IdentitiesOnly,
            PreferredAuthentications = target.PreferredAuthentications,
            KexAlgorithms = target.KexAlgorithms,
            Ciphers = target.Ciphers,
            Macs = target.Macs,
            HostKeyAlgorithms = target.HostKeyAlgorithms,
            // The lists come from the target's settings: errors about them name where the target's came from.
            Sources = target.AlgorithmChoices.ToDictionary(c => c.Key, c => target.SourceOf(c.Key)),
            JumpHosts = [.. target.JumpHosts.Take(index)],
            SshConfigLookup = target.SshConfigLookup,
        };
    }
}
