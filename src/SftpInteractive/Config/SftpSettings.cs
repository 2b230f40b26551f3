namespace SftpInteractive;

/// <summary>
/// Connection settings after merging explicit options, environment variables, the <c>.env</c> file and
/// <c>~/.ssh/config</c>. <see cref="Sources"/> says where each value came from. Secrets never appear in
/// <see cref="ToString"/>.
/// </summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class SftpSettings
{
    /// <summary>Host name or address to connect to (after ssh_config HostName resolution).</summary>
    public required string Host { get; init; }

    /// <summary>The name the user gave, when it was an ssh_config alias; otherwise equal to <see cref="Host"/>.</summary>
    public required string HostAlias { get; init; }

    /// <summary>TCP port.</summary>
    public int Port { get; init; } = 22;

    /// <summary>User name.</summary>
    public required string Username { get; init; }

    /// <summary>Password, if any.</summary>
    public string? Password { get; init; }

    /// <summary>Private key file paths to offer, in order.</summary>
    public IReadOnlyList<string> PrivateKeyPaths { get; init; } = [];

    /// <summary>Passphrase for the private key, if any.</summary>
    public string? Passphrase { get; init; }

    /// <summary>Base32 TOTP secret, if any.</summary>
    public string? TotpSecret { get; init; }

    /// <summary>known_hosts file read and written by the host key check.</summary>
    public required string KnownHostsPath { get; init; }

    /// <summary>Every known_hosts file (ssh_config <c>UserKnownHostsFile</c> may list several); the first is
    /// <see cref="KnownHostsPath"/>.</summary>
    public IReadOnlyList<string> KnownHostsPaths { get; init; } = [];

    /// <summary>The known_hosts files to read: <see cref="KnownHostsPaths"/>, or <see cref="KnownHostsPath"/> alone.</summary>
    internal IReadOnlyList<string> KnownHostsFiles => KnownHostsPaths.Count > 0 ? KnownHostsPaths : [KnownHostsPath];

    /// <summary>Whether accept-new writes the host name hashed (<c>|1|salt|hash</c>), as <c>HashKnownHosts yes</c> does.</summary>
    public bool HashKnownHosts { get; init; }

    /// <summary>Host key policy.</summary>
    public HostKeyPolicy HostKeyPolicy { get; init; } = HostKeyPolicy.Strict;

    /// <summary>Pinned fingerprint (<c>SHA256:...</c>) for <see cref="HostKeyPolicy.Pinned"/>.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>Connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one SFTP request.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keepalive interval; <see cref="TimeSpan.Zero"/> turns keepalive off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections opened in the background right after connect for tree transfers (and searches on the OpenSSH transport; 0: none).</summary>
    public int WarmPool { get; init; }

    /// <summary>What carries the SFTP bytes.</summary>
    public SftpTransport Transport { get; init; }

    /// <summary>ProxyJump chain, first hop first (empty: direct).</summary>
    public IReadOnlyList<JumpHost> JumpHosts { get; init; } = [];

    /// <summary>ssh-agent socket (IdentityAgent / SSH_AUTH_SOCK); null: no agent.</summary>
    public string? IdentityAgent { get; init; }

    /// <summary>IdentitiesOnly: offer only the configured key files (and their agent counterparts).</summary>
    public bool IdentitiesOnly { get; init; }

    /// <summary>CertificateFile entries (OpenSSH user certificates).</summary>
    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    /// <summary>PreferredAuthentications order (empty: the default order).</summary>
    public IReadOnlyList<string> PreferredAuthentications { get; init; } = [];

    /// <summary>KexAlgorithms as written (<see cref="SettingKeys.KexAlgorithms"/>), or null for the default list.</summary>
    public string? KexAlgorithms { get; init; }

    /// <summary>Ciphers as written, or null for the default list (AES-GCM first).</summary>
    public string? Ciphers { get; init; }

    /// <summary>MACs as written, or null for the default list.</summary>
    public string? Macs { get; init; }

    /// <summary>HostKeyAlgorithms as written, or null for the default list (the types known_hosts holds first).</summary>
    public string? HostKeyAlgorithms { get; init; }

    /// <summary>ServerAliveCountMax: keepalives without answer before the connection counts as dead.</summary>
    public int ServerAliveCountMax { get; init; } = 3;

    /// <summary>Connection log level from <c>SFTP_LOG</c>, or null when not set (see <see cref="SftpLog"/>).</summary>
    public SftpLogLevel? LogLevel { get; init; }

    /// <summary>The ssh_config files that were read (empty: none).</summary>
    public IReadOnlyList<string> SshConfigFiles { get; init; } = [];

    /// <summary>What ssh_config says about a host name: the seam through which each jump host resolves its own User,
    /// Port, HostName and IdentityFile under its own name. Set by the settings resolver; null for settings built by
    /// hand (then jump hosts use only what their spec says).</summary>
    internal Func<string, SshHostEntry>? SshConfigLookup { get; init; }

    /// <summary>The <c>.env</c> file that was read, if any.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Where each setting came from, by <c>.env</c> key name (explicit, environment, .env, ssh_config, default).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Prompt handler for keyboard-interactive prompts the settings cannot answer.</summary>
    public PromptHandler? Prompt { get; init; }

    /// <summary>Receives notices such as a newly trusted host key.</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>Clock used for TOTP codes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>"user@host:port", the way messages name the target.</summary>
    public string Target => $"{Username}@{Host}:{Port}";

    /// <summary>The key files of <see cref="PrivateKeyPaths"/> that are OpenSSH's default identities (nothing was
    /// configured): one that cannot be used (encrypted, no passphrase) is skipped, as ssh skips it, instead of failing.</summary>
    internal IReadOnlyList<string> DefaultKeyPaths { get; init; } = [];

    /// <summary>The target, and the jump hosts it is reached through, for messages.</summary>
    public string Route => JumpHosts.Count == 0 ? Target : $"{Target} via {string.Join(" -> ", JumpHosts)}";

    /// <summary>The settings as (key, value, source) rows, with secrets masked. A value from ssh_config names its
    /// file and line (<c>ssh_config (~/.ssh/config:12)</c>).</summary>
    public IReadOnlyList<(string Key, string Value, string Source)> Describe()
    {
        var rows = new List<(string Key, string Value, string Source)>
        {
            (SettingKeys.Host, HostAlias == Host ? Host : $"{HostAlias} -> {Host}", SourceOf(SettingKeys.Host)),
            (SettingKeys.Port, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), SourceOf(SettingKeys.Port)),
            (SettingKeys.Username, Username, SourceOf(SettingKeys.Username)),
            (SettingKeys.Password, MaskOrNone(Password), SourceOf(SettingKeys.Password)),
            (SettingKeys.PrivateKey, PrivateKeyPaths.Count == 0 ? "(none)" : string.Join(", ", PrivateKeyPaths.Select(LocalPaths.Display)), SourceOf(SettingKeys.PrivateKey)),
            (SettingKeys.Passphrase, MaskOrNone(Passphrase), SourceOf(SettingKeys.Passphrase)),
            (SettingKeys.TotpSecret, MaskOrNone(TotpSecret), SourceOf(SettingKeys.TotpSecret)),
            (SettingKeys.KnownHosts, string.Join(", ", (KnownHostsPaths.Count == 0 ? [KnownHostsPath] : KnownHostsPaths).Select(LocalPaths.Display)), SourceOf(SettingKeys.KnownHosts)),
            (SettingKeys.KnownHostsHash, HashKnownHosts ? "true" : "false", SourceOf(SettingKeys.KnownHostsHash)),
            (SettingKeys.HostKeyPolicy, HostKeyPolicy.ToString(), SourceOf(SettingKeys.HostKeyPolicy)),
            (SettingKeys.Timeout, Format.Duration(ConnectTimeout), SourceOf(SettingKeys.Timeout)),
            (SettingKeys.WarmPool, WarmPool.ToString(System.Globalization.CultureInfo.InvariantCulture), SourceOf(SettingKeys.WarmPool)),
            (SettingKeys.Transport, Transport == SftpTransport.OpenSsh ? "openssh" : "sshnet", SourceOf(SettingKeys.Transport)),
            (SettingKeys.Jump, JumpHosts.Count == 0 ? "(none)" : string.Join(",", JumpHosts), SourceOf(SettingKeys.Jump)),
            (SettingKeys.IdentityAgent, IdentityAgent is null ? "(none)" : LocalPaths.Display(IdentityAgent), SourceOf(SettingKeys.IdentityAgent)),
            (SettingKeys.IdentitiesOnly, IdentitiesOnly ? "true" : "false", SourceOf(SettingKeys.IdentitiesOnly)),
            (SettingKeys.Certificate, CertificateFiles.Count == 0 ? "(none)" : string.Join(", ", CertificateFiles.Select(LocalPaths.Display)), SourceOf(SettingKeys.Certificate)),
            (SettingKeys.SshConfig, SshConfigFiles.Count == 0 ? "(none)" : string.Join(", ", SshConfigFiles.Select(LocalPaths.Display)), SourceOf(SettingKeys.SshConfig)),
        };
        if (PreferredAuthentications.Count > 0)
        {
            rows.Add((SettingKeys.PreferredAuthentications, string.Join(",", PreferredAuthentications), SourceOf(SettingKeys.PreferredAuthentications)));
        }

        foreach (var (key, value) in AlgorithmChoices)
        {
            rows.Add((key, value, SourceOf(key)));
        }

        return rows;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Target} (password: {MaskOrNone(Password)}, keys: {PrivateKeyPaths.Count}, passphrase: {MaskOrNone(Passphrase)}, " +
        $"totp: {MaskOrNone(TotpSecret)}, host key policy: {HostKeyPolicy})";

    /// <summary>The algorithm lists that are set, by key.</summary>
    internal IEnumerable<(string Key, string Value)> AlgorithmChoices =>
        new[] { (SettingKeys.KexAlgorithms, KexAlgorithms), (SettingKeys.Ciphers, Ciphers), (SettingKeys.Macs, Macs), (SettingKeys.HostKeyAlgorithms, HostKeyAlgorithms) }
            .Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));

    /// <summary>Where a setting came from (explicit, environment, .env, ssh_config with file and line), or "default".</summary>
    internal string SourceOf(string key) => Sources.TryGetValue(key, out var source) ? source : "default";

    private static string MaskOrNone(string? secret) => secret is null ? "(none)" : Redactor.Mask;
}
