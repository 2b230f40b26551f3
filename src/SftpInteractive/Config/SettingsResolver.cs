using System.Globalization;

namespace SftpInteractive;

/// <summary>
/// Merges explicit options, real environment variables, the <c>.env</c> file and <c>~/.ssh/config</c>, in that order
/// of precedence, into <see cref="SftpSettings"/>.
/// </summary>
internal sealed partial class SettingsResolver
{
    private readonly SftpOptions _options;
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, string> _dotEnv;
    private readonly string? _envFile;
    private readonly string _searchStart;
    private string? _explicitSshConfig;

    private SettingsResolver(SftpOptions options)
    {
        _options = options;
        _environment = options.Environment ?? ReadProcessEnvironment();
        _searchStart = options.WorkingDirectory ?? Directory.GetCurrentDirectory();
        _envFile = options.EnvFile is { } explicitFile ? Path.GetFullPath(explicitFile, _searchStart) : DotEnvFile.Find(_searchStart);
        if (options.EnvFile is not null && !File.Exists(_envFile))
        {
            throw new SftpConfigException($"The .env file {_envFile} does not exist. Create it from .env.example or pass another path.");
        }

        _dotEnv = _envFile is null ? [] : DotEnvFile.Read(_envFile);
    }

    /// <summary>Resolves the settings.</summary>
    /// <exception cref="SftpConfigException">A required value is missing or a value is malformed.</exception>
    public static SftpSettings Resolve(SftpOptions? options) => new SettingsResolver(options ?? new SftpOptions()).Build();

    private SftpSettings Build()
    {
        var alias = Pick(SettingKeys.Host, _options.Host) ?? throw Missing(SettingKeys.Host, "the server's host name or address");
        var portText = Pick(SettingKeys.Port, _options.Port?.ToString(CultureInfo.InvariantCulture));
        var pickedPort = portText is null ? (int?)null : ParseInt(SettingKeys.Port, portText, 1, 65535);
        var pickedUser = Pick(SettingKeys.Username, _options.Username);

        // A user or port set here is to ssh_config what `ssh -l` / `-p` are: fixed before the file is read (Match user sees it).
        var ssh = ReadSshConfig(alias, pickedUser, pickedPort);
        var aliasSource = _sources[SettingKeys.Host];
        var host = FromSshConfig(SettingKeys.Host, ssh, "hostname", ssh.HostName) ?? alias;
        if (_sources[SettingKeys.Host] != aliasSource)
        {
            _sources[SettingKeys.Host] = $"{aliasSource} -> {_sources[SettingKeys.Host]}"; // alias from one place, HostName from ssh_config
        }
        var port = pickedPort ?? FromSshConfig(SettingKeys.Port, ssh, "port", (int?)ssh.Port) ?? 22;
        var user = pickedUser ?? FromSshConfig(SettingKeys.Username, ssh, "user", ssh.User)
            ?? throw Missing(SettingKeys.Username, "the account name");

        var password = Pick(SettingKeys.Password, _options.Password);
        var passphrase = Pick(SettingKeys.Passphrase, _options.Passphrase);
        var totp = Pick(SettingKeys.TotpSecret, _options.TotpSecret);
        foreach (var secret in new[] { password, passphrase, totp })
        {
            Redactor.Register(secret);
        }

        var keys = new List<string>();
        var defaultKeys = new List<string>();
        if (Pick(SettingKeys.PrivateKey, _options.PrivateKeyPath) is { } keyPath)
        {
            var full = ResolvePath(keyPath);
            if (!File.Exists(full))
            {
                throw new SftpConfigException(
                    $"{SettingKeys.PrivateKey} points to {LocalPaths.Display(full)}, which does not exist (set by {_sources[SettingKeys.PrivateKey]}). Fix the path.");
            }

            keys.Add(full);
        }
        else if (ssh.IdentityFilesConfigured)
        {
            // As ssh does, configured files that do not exist are skipped silently.
            keys.AddRange(ssh.IdentityFiles.Select(ssh.ExpandPath).Where(File.Exists));
            FromSshConfig(SettingKeys.PrivateKey, ssh, "identityfile", keys.Count > 0 ? "set" : null);
        }
        else
        {
            // Nothing configured: OpenSSH's default identities (~/.ssh/id_rsa, id_ecdsa, id_ed25519...) that exist.
            defaultKeys.AddRange(ssh.IdentityFiles.Select(ssh.ExpandPath).Where(File.Exists));
            keys.AddRange(defaultKeys);
            if (defaultKeys.Count > 0)
            {
                _sources[SettingKeys.PrivateKey] = "OpenSSH's default identity files";
            }
        }

        var fingerprint = Pick(SettingKeys.HostKeyFingerprint, _options.HostKeyFingerprint);
        var policyText = Pick(SettingKeys.HostKeyPolicy, _options.HostKeyPolicy?.ToString());
        var policy = policyText is not null ? ParsePolicy(policyText)
            : fingerprint is not null ? HostKeyPolicy.Pinned
            : FromSshConfig(SettingKeys.HostKeyPolicy, ssh, "stricthostkeychecking", PolicyFromSsh(ssh.StrictHostKeyChecking)) ?? HostKeyPolicy.Strict;
        if (policy == HostKeyPolicy.Pinned && fingerprint is null)
        {
            throw Missing(SettingKeys.HostKeyFingerprint, "the pinned host key fingerprint (SHA256:...) that the pinned policy needs");
        }

        var knownHosts = Pick(SettingKeys.KnownHosts, _options.KnownHostsPath) is { } kh
            ? [ResolvePath(kh)]
            : FromSshConfig(SettingKeys.KnownHosts, ssh, "userknownhostsfile", ssh.UserKnownHostsFiles)
              ?? [SshTokens.ExpandHome("~/.ssh/known_hosts", Home)];

        var hashText = Pick(SettingKeys.KnownHostsHash, _options.HashKnownHosts?.ToString());
        var hashKnownHosts = hashText is null ? FromSshConfig(SettingKeys.KnownHostsHash, ssh, "hashknownhosts", (bool?)ssh.HashKnownHosts) ?? false : ParseBool(SettingKeys.KnownHostsHash, hashText);

        var agentText = Pick(SettingKeys.IdentityAgent, _options.IdentityAgent);
        var identitiesOnlyText = Pick(SettingKeys.IdentitiesOnly, _options.IdentitiesOnly?.ToString());
        var certificates = (Pick(SettingKeys.Certificate, _options.CertificatePath) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ExistingFile(SettingKeys.Certificate)).ToList();
        var jumpText = Pick(SettingKeys.Jump, _options.Jump);
        IReadOnlyList<JumpHost> jumps;
        try
        {
            jumps = JumpHost.ParseChain(jumpText);
        }
        catch (SftpConfigException e)
        {
            throw new SftpConfigException($"{SettingKeys.Jump} (set by {SourceText(SettingKeys.Jump)}): {e.Message}", e);
        }

        var countMax = Pick(SettingKeys.KeepAliveCountMax, _options.KeepAliveCountMax?.ToString(CultureInfo.InvariantCulture));
        var preferred = Pick(SettingKeys.PreferredAuthentications, _options.PreferredAuthentications)?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (preferred.FirstOrDefault(m => m is not ("publickey" or "password" or "keyboard-interactive")) is { } unknown)
        {
            throw new SftpConfigException(
                $"{SettingKeys.PreferredAuthentications} lists '{unknown}' ({SourceText(SettingKeys.PreferredAuthentications)}); the methods are publickey, password and keyboard-interactive.");
        }

        return new SftpSettings
        {
            SshConfigLookup = LookUpJumpHost,
            Host = host,
            HostAlias = alias,
            Port = port,
            Username = user,
            Password = password,
            Passphrase = passphrase,
            TotpSecret = totp,
            PrivateKeyPaths = keys,
            DefaultKeyPaths = defaultKeys,
            KnownHostsPath = knownHosts[0],
            KnownHostsPaths = knownHosts,
            HashKnownHosts = hashKnownHosts,
            HostKeyPolicy = policy,
            HostKeyFingerprint = fingerprint,
            ConnectTimeout = Seconds(SettingKeys.Timeout, _options.ConnectTimeout)
                ?? FromSshConfig(SettingKeys.Timeout, ssh, "connecttimeout", ssh.ConnectTimeout is { } t ? TimeSpan.FromSeconds(t) : (TimeSpan?)null)
                ?? TimeSpan.FromSeconds(15),
            OperationTimeout = Seconds(SettingKeys.OperationTimeout, _options.OperationTimeout) ?? TimeSpan.FromSeconds(60),
            KeepAliveInterval = Seconds(SettingKeys.KeepAlive, _options.KeepAliveInterval)
                ?? FromSshConfig(SettingKeys.KeepAlive, ssh, "serveraliveinterval", (TimeSpan?)TimeSpan.FromSeconds(ssh.ServerAliveInterval))
                ?? TimeSpan.FromSeconds(30),
            // Each of these: explicit, environment or .env first (SFTP_*), then ssh_config, then the default.
            ServerAliveCountMax = countMax is not null ? ParseInt(SettingKeys.KeepAliveCountMax, countMax, 1, 1000)
                : FromSshConfig(SettingKeys.KeepAliveCountMax, ssh, "serveralivecountmax", (int?)ssh.ServerAliveCountMax) ?? 3,
            WarmPool = Pick(SettingKeys.WarmPool, _options.WarmPool?.ToString(CultureInfo.InvariantCulture)) is { } warm
                ? ParseInt(SettingKeys.WarmPool, warm, 0, 16) : 0,
            Transport = Pick(SettingKeys.Transport, _options.Transport is { } chosen ? (chosen == SftpTransport.OpenSsh ? "openssh" : "sshnet") : null) is { } transport
                ? ParseTransport(transport) : SftpTransport.SshNet,
            JumpHosts = jumpText is not null ? jumps : JumpHosts(ssh),
            IdentityAgent = agentText is null ? IdentityAgent(ssh)
                : agentText.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : ResolvePath(agentText),
            IdentitiesOnly = identitiesOnlyText is not null ? ParseBool(SettingKeys.IdentitiesOnly, identitiesOnlyText)
                : FromSshConfig(SettingKeys.IdentitiesOnly, ssh, "identitiesonly", (bool?)ssh.IdentitiesOnly) ?? false,
            CertificateFiles = certificates.Count > 0 ? certificates
                : FromSshConfig(SettingKeys.Certificate, ssh, "certificatefile", ssh.CertificateFiles.Count > 0 ? ssh.CertificateFiles.Select(ssh.ExpandPath).ToList() : null) ?? [],
            PreferredAuthentications = preferred.Length > 0 ? preferred
                : FromSshConfig(SettingKeys.PreferredAuthentications, ssh, "preferredauthentications", ssh.PreferredAuthentications) is { } order ? SshPatternList.Split(order) : [],
            KexAlgorithms = Pick(SettingKeys.KexAlgorithms, null) ?? FromSshConfig(SettingKeys.KexAlgorithms, ssh, "kexalgorithms", ssh.KexAlgorithms),
            Ciphers = Pick(SettingKeys.Ciphers, null) ?? FromSshConfig(SettingKeys.Ciphers, ssh, "ciphers", ssh.Ciphers),
            Macs = Pick(SettingKeys.Macs, null) ?? FromSshConfig(SettingKeys.Macs, ssh, "macs", ssh.Macs),
            HostKeyAlgorithms = Pick(SettingKeys.HostKeyAlgorithms, null) ?? FromSshConfig(SettingKeys.HostKeyAlgorithms, ssh, "hostkeyalgorithms", ssh.HostKeyAlgorithms),
            SshConfigFiles = ssh.Files,
            LogLevel = Pick(SettingKeys.Log, null) is { } log ? ParseLog(log) : null,
            EnvFile = _envFile,
            Sources = new Dictionary<string, string>(_sources),
            Prompt = _options.Prompt,
            Notice = _options.Notice,
            TimeProvider = _options.TimeProvider ?? TimeProvider.System,
        };
    }

    /// <summary>Explicit value, else environment variable, else .env; records the source.</summary>
    private string? Pick(string key, string? explicitValue)
    {
        if (!string.IsNullOrEmpty(explicitValue))
        {
            _sources[key] = "explicit";
            return explicitValue;
        }

        if (_environment.TryGetValue(key, out var fromEnv) && !string.IsNullOrEmpty(fromEnv))
        {
            _sources[key] = "environment";
            return fromEnv;
        }

        if (_dotEnv.TryGetValue(key, out var fromFile) && !string.IsNullOrEmpty(fromFile))
        {
            _sources[key] = $".env ({LocalPaths.Display(_envFile)})";
            return fromFile;
        }

        return null;
    }

    private Func<string, string> ExistingFile(string key) => path =>
    {
        var full = ResolvePath(path);
        return File.Exists(full)
            ? full
            : throw new SftpConfigException($"{key} points to {LocalPaths.Display(full)}, which does not exist (set by {SourceText(key)}). Fix the path.");
    };

    private TimeSpan? Seconds(string key, TimeSpan? explicitValue)
    {
        var text = Pick(key, explicitValue?.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        return text is null ? null : TimeSpan.FromSeconds(ParseInt(key, text, 0, 86_400));
    }

    private string ResolvePath(string path)
    {
        var expanded = SshTokens.ExpandHome(path, Home);
        var baseDir = _envFile is not null ? Path.GetDirectoryName(_envFile)! : _searchStart;
        return Path.GetFullPath(expanded, baseDir);
    }

    private int ParseInt(string key, string text, int min, int max)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return (int)value;
        }

        throw new SftpConfigException($"{key} must be a number from {min} to {max}, but {SourceText(key)} sets it to '{text}'.");
    }

    private bool ParseBool(string key, string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => throw new SftpConfigException($"{key} must be true or false, but {SourceText(key)} sets it to '{text}'."),
    };

    private SftpTransport ParseTransport(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sshnet" or "ssh.net" or "embedded" => SftpTransport.SshNet,
        "openssh" or "ssh" => SftpTransport.OpenSsh,
        _ => throw new SftpConfigException(
            $"{SettingKeys.Transport} must be sshnet or openssh, but {SourceText(SettingKeys.Transport)} sets it to '{text}'."),
    };

    private HostKeyPolicy ParsePolicy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "strict" or "yes" => HostKeyPolicy.Strict,
        "accept-new" or "acceptnew" or "tofu" => HostKeyPolicy.AcceptNew,
        "pinned" or "pin" => HostKeyPolicy.Pinned,
        _ => throw new SftpConfigException(
            $"{SettingKeys.HostKeyPolicy} must be strict, accept-new or pinned, but {SourceText(SettingKeys.HostKeyPolicy)} sets it to '{text}'."),
    };

    private SftpLogLevel ParseLog(string text)
    {
        try
        {
            return SftpLog.Parse(text);
        }
        catch (ArgumentException)
        {
            throw new SftpConfigException($"{SettingKeys.Log} must be off, info, debug or trace, but {SourceText(SettingKeys.Log)} sets it to '{text}'.");
        }
    }

    private string SourceText(string key) => _sources.TryGetValue(key, out var s) ? s : "the default";

    private SftpConfigException Missing(string key, string what)
    {
        var envText = _envFile is null ? $"no .env file found in {_searchStart} or its parents" : $"the .env file {_envFile}";
        return new SftpConfigException(
            $"{key} ({what}) is not set. Looked in: explicit options, environment variables, {envText}. " +
            $"Add {key}=... to your .env (see .env.example) or pass it explicitly.");
    }

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string k && entry.Value is string v)
            {
                result[k] = v;
            }
        }

        return result;
    }
}
