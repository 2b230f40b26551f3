namespace SftpInteractive;

/// <summary>The <c>.env</c> / environment variable names SftpInteractive reads (documented in <c>.env.example</c>).</summary>
internal static class SettingKeys
{
    /// <summary>Host name, address or ssh_config alias.</summary>
    public const string Host = "SFTP_HOST";

    /// <summary>Port.</summary>
    public const string Port = "SFTP_PORT";

    /// <summary>User name.</summary>
    public const string Username = "SFTP_USERNAME";

    /// <summary>Password.</summary>
    public const string Password = "SFTP_PASSWORD";

    /// <summary>Private key path.</summary>
    public const string PrivateKey = "SFTP_PRIVATE_KEY";

    /// <summary>Private key passphrase.</summary>
    public const string Passphrase = "SFTP_PASSPHRASE";

    /// <summary>Base32 TOTP secret.</summary>
    public const string TotpSecret = "SFTP_TOTP_SECRET";

    /// <summary>known_hosts path.</summary>
    public const string KnownHosts = "SFTP_KNOWN_HOSTS";

    /// <summary>true to write hashed host names when accept-new adds a key (like ssh_config <c>HashKnownHosts yes</c>).</summary>
    public const string KnownHostsHash = "SFTP_KNOWN_HOSTS_HASH";

    /// <summary>strict, accept-new or pinned.</summary>
    public const string HostKeyPolicy = "SFTP_HOST_KEY_POLICY";

    /// <summary>Pinned SHA256 fingerprint.</summary>
    public const string HostKeyFingerprint = "SFTP_HOST_KEY_FINGERPRINT";

    /// <summary>Connect timeout in seconds.</summary>
    public const string Timeout = "SFTP_TIMEOUT";

    /// <summary>SFTP request timeout in seconds.</summary>
    public const string OperationTimeout = "SFTP_OPERATION_TIMEOUT";

    /// <summary>Keepalive interval in seconds.</summary>
    public const string KeepAlive = "SFTP_KEEPALIVE";

    /// <summary>OpenSSH client config file to read instead of ~/.ssh/config and /etc/ssh/ssh_config (like <c>ssh -F</c>).</summary>
    public const string SshConfig = "SFTP_SSH_CONFIG";

    /// <summary>Connection log level: off (default), info, debug or trace.</summary>
    public const string Log = "SFTP_LOG";

    /// <summary>ProxyJump chain: <c>user@bastion:port[,next...]</c>.</summary>
    public const string Jump = "SFTP_JUMP";

    /// <summary>ssh-agent socket (default: <c>SSH_AUTH_SOCK</c>; <c>none</c> disables the agent).</summary>
    public const string IdentityAgent = "SFTP_IDENTITY_AGENT";

    /// <summary>true: offer only the configured key files (and the agent's copies of them).</summary>
    public const string IdentitiesOnly = "SFTP_IDENTITIES_ONLY";

    /// <summary>OpenSSH user certificate file(s), comma-separated.</summary>
    public const string Certificate = "SFTP_CERTIFICATE";

    /// <summary>Keepalive intervals without an answer before the connection counts as dead (ServerAliveCountMax).</summary>
    public const string KeepAliveCountMax = "SFTP_KEEPALIVE_COUNT_MAX";

    /// <summary>Authentication methods to try, in order (PreferredAuthentications), e.g. <c>publickey,password</c>.</summary>
    public const string PreferredAuthentications = "SFTP_PREFERRED_AUTHENTICATIONS";

    /// <summary>Key exchange algorithms to offer (KexAlgorithms): a list, or <c>+</c>/<c>-</c>/<c>^</c> and a list to append to, remove
    /// from (wildcards allowed) or put first in the default.</summary>
    public const string KexAlgorithms = "SFTP_KEX_ALGORITHMS";

    /// <summary>Ciphers to offer (Ciphers), in the same form as <see cref="KexAlgorithms"/>.</summary>
    public const string Ciphers = "SFTP_CIPHERS";

    /// <summary>MACs to offer (MACs), in the same form as <see cref="KexAlgorithms"/>.</summary>
    public const string Macs = "SFTP_MACS";

    /// <summary>Host key signature algorithms to accept (HostKeyAlgorithms), in the same form as <see cref="KexAlgorithms"/>.</summary>
    public const string HostKeyAlgorithms = "SFTP_HOST_KEY_ALGORITHMS";

    /// <summary>Connections opened in the background right after connect for tree transfers (and searches on the OpenSSH transport; 0: none).</summary>
    public const string WarmPool = "SFTP_WARM_POOL";

    /// <summary>What carries the SFTP bytes: sshnet (default) or openssh (<c>ssh -s sftp</c>).</summary>
    public const string Transport = "SFTP_TRANSPORT";

    /// <summary>The ssh-agent's standard environment variable.</summary>
    public const string AuthSock = "SSH_AUTH_SOCK";

    /// <summary>Every key, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Host, Port, Username, Password, PrivateKey, Passphrase, TotpSecret, KnownHosts, KnownHostsHash, HostKeyPolicy, HostKeyFingerprint, Timeout, OperationTimeout,
         KeepAlive, KeepAliveCountMax, WarmPool, Transport, Jump, IdentityAgent, IdentitiesOnly, Certificate, PreferredAuthentications,
         KexAlgorithms, Ciphers, Macs, HostKeyAlgorithms, SshConfig, Log];

    /// <summary>Keys whose values are secrets.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [Password, Passphrase, TotpSecret];
}
