namespace SftpInteractive;

/// <summary>
/// Explicit connection settings. Anything left null is taken from real environment variables, then from the
/// <c>.env</c> file, then from <c>~/.ssh/config</c>. Explicit values always win.
/// </summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed partial class SftpOptions
{
    /// <summary>Host name, address or an <c>~/.ssh/config</c> Host alias (<c>SFTP_HOST</c>).</summary>
    public string? Host { get; set; }

    /// <summary>Port (<c>SFTP_PORT</c>, default 22).</summary>
    public int? Port { get; set; }

    /// <summary>User name (<c>SFTP_USERNAME</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Password (<c>SFTP_PASSWORD</c>); used for password and keyboard-interactive authentication.</summary>
    public string? Password { get; set; }

    /// <summary>Path of a private key file: OpenSSH, PEM or PuTTY .ppk (<c>SFTP_PRIVATE_KEY</c>).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Passphrase of the private key (<c>SFTP_PASSPHRASE</c>).</summary>
    public string? Passphrase { get; set; }

    /// <summary>Base32 TOTP secret; answers "Verification code" prompts (<c>SFTP_TOTP_SECRET</c>).</summary>
    public string? TotpSecret { get; set; }

    /// <summary>OpenSSH known_hosts file (<c>SFTP_KNOWN_HOSTS</c>, default <c>~/.ssh/known_hosts</c>).</summary>
    public string? KnownHostsPath { get; set; }

    /// <summary>Write host names hashed (<c>|1|salt|hash</c>) when accept-new adds a key (<c>SFTP_KNOWN_HOSTS_HASH</c>,
    /// else ssh_config <c>HashKnownHosts</c>; default false, as in OpenSSH).</summary>
    public bool? HashKnownHosts { get; set; }

    /// <summary>Host key policy (<c>SFTP_HOST_KEY_POLICY</c>: strict, accept-new or pinned; default strict).</summary>
    public HostKeyPolicy? HostKeyPolicy { get; set; }

    /// <summary>Pinned host key fingerprint, <c>SHA256:...</c> (<c>SFTP_HOST_KEY_FINGERPRINT</c>).</summary>
    public string? HostKeyFingerprint { get; set; }

    /// <summary>Connect timeout (<c>SFTP_TIMEOUT</c> in seconds, default 15).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Timeout of one SFTP request (<c>SFTP_OPERATION_TIMEOUT</c> in seconds, default 60).</summary>
    public TimeSpan? OperationTimeout { get; set; }

    /// <summary>Keepalive interval (<c>SFTP_KEEPALIVE</c> in seconds, default 30; 0 turns it off).</summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>Keepalive intervals without an answer before the connection counts as dead
    /// (<c>SFTP_KEEPALIVE_COUNT_MAX</c>, default 3, like OpenSSH's ServerAliveCountMax).</summary>
    public int? KeepAliveCountMax { get; set; }

    /// <summary>Connections opened in the background right after connect, so the first search or tree transfer finds
    /// them ready (<c>SFTP_WARM_POOL</c>, at most 16; default 0: none until a job needs them). Never opened
    /// when the connect needed a one-time code typed at a prompt: they would have to ask for one each.</summary>
    public int? WarmPool { get; set; }

    /// <summary>What carries the SFTP bytes (<c>SFTP_TRANSPORT</c>: sshnet or openssh; default sshnet).</summary>
    public SftpTransport? Transport { get; set; }

    /// <summary>Authentication methods to try, in order: publickey, password, keyboard-interactive
    /// (<c>SFTP_PREFERRED_AUTHENTICATIONS</c>, comma-separated; default all, in that order).</summary>
    public string? PreferredAuthentications { get; set; }

    /// <summary>ProxyJump chain, <c>user@bastion:port[,next...]</c> (<c>SFTP_JUMP</c>; <c>none</c>: direct).</summary>
    public string? Jump { get; set; }

    /// <summary>ssh-agent socket (<c>SFTP_IDENTITY_AGENT</c>, default <c>SSH_AUTH_SOCK</c>; <c>none</c> disables the agent).</summary>
    public string? IdentityAgent { get; set; }

    /// <summary>Offer only the configured key files and the agent's copies of them (<c>SFTP_IDENTITIES_ONLY</c>).</summary>
    public bool? IdentitiesOnly { get; set; }

    /// <summary>OpenSSH user certificate file (<c>SFTP_CERTIFICATE</c>; <c>id_*-cert.pub</c> beside a key is found anyway).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Explicit <c>.env</c> file; by default the first <c>.env</c> found from the working directory upward.</summary>
    public string? EnvFile { get; set; }

    /// <summary>Directory where the <c>.env</c> search starts (default: the current directory).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>OpenSSH client config read instead of <c>~/.ssh/config</c> and <c>/etc/ssh/ssh_config</c>, like
    /// <c>ssh -F</c> (<c>SFTP_SSH_CONFIG</c>; <c>/dev/null</c> reads none). It must exist.</summary>
    public string? SshConfigPath { get; set; }

    /// <summary>Answers keyboard-interactive prompts the helper cannot answer from settings
    /// (a terminal asks with masked input, the Jupyter kernel sends an input_request).</summary>
    public PromptHandler? Prompt { get; set; }

    /// <summary>Receives notices such as "added host key SHA256:... to known_hosts".</summary>
    public Action<string>? Notice { get; set; }

    /// <summary>Environment variables to read instead of the process environment (tests use this).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>Clock for TOTP codes (tests control time).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"SftpOptions {{ Host = {Host}, Port = {Port}, Username = {Username}, Password = {Mask(Password)}, " +
        $"PrivateKeyPath = {PrivateKeyPath}, Passphrase = {Mask(Passphrase)}, TotpSecret = {Mask(TotpSecret)} }}";

    private static string Mask(string? secret) => secret is null ? "(none)" : Redactor.Mask;
}
