using System.Globalization;

namespace SftpInteractive;

/// <summary>
/// What ssh_config says about one host, resolved as <c>ssh -G</c> shows it: defaults filled in, <c>HostName</c> and
/// <c>UserKnownHostsFile</c>/<c>IdentityAgent</c> expanded; <c>IdentityFile</c>/<c>CertificateFile</c> kept as written
/// (<see cref="ExpandPath"/> expands them). <see cref="Sources"/> names the file and line of every configured value.
/// </summary>
internal sealed class SshHostConfig
{
    /// <summary>OpenSSH's default identity files, tried when no IdentityFile is configured.</summary>
    public static readonly IReadOnlyList<string> DefaultIdentityFiles =
        ["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa"];

    private readonly SshTokens _tokens;
    private readonly SshConfigLine? _proxyJump;
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    internal SshHostConfig(SshConfigQuery query, SshConfigValues values, string hostName, IReadOnlyList<SshConfigSource> files)
    {
        Files = [.. files.Select(f => f.Path)];
        OriginalHost = query.Host;
        HostName = hostName;
        User = Take(values, "user")?.Value ?? query.LocalUser;
        Port = Take(values, "port") is { } portLine ? ParsePort(portLine) : 22;
        _tokens = new SshTokens(query, HostName, User, Port);
        IdentityFiles = values.IdentityFiles.Count == 0 ? DefaultIdentityFiles : [.. values.IdentityFiles.Select(l => l.Value)];
        IdentityFilesConfigured = values.IdentityFiles.Count > 0;
        Record("identityfile", values.IdentityFiles);
        CertificateFiles = [.. values.CertificateFiles.Select(l => l.Value)];
        Record("certificatefile", values.CertificateFiles);
        IdentitiesOnly = Take(values, "identitiesonly") is { } only && ParseFlag(only);
        IdentityAgent = Take(values, "identityagent") is { } agent ? ExpandAgent(agent) : null;
        _proxyJump = Take(values, "proxyjump") is { } jump && !jump.Value.Equals("none", StringComparison.OrdinalIgnoreCase) ? jump : null;
        UserKnownHostsFiles = Take(values, "userknownhostsfile") is { } known
            ? [.. known.Args.Select(a => _tokens.ExpandPath(a, known))]
            : [_tokens.ExpandPath("~/.ssh/known_hosts", null), _tokens.ExpandPath("~/.ssh/known_hosts2", null)];
        StrictHostKeyChecking = Take(values, "stricthostkeychecking") is { } strict ? ParseStrict(strict) : "ask";
        HashKnownHosts = Take(values, "hashknownhosts") is { } hash && ParseFlag(hash);
        ConnectTimeout = Take(values, "connecttimeout") is { } timeout ? ParseTime(timeout) : null;
        ServerAliveInterval = Take(values, "serveraliveinterval") is { } alive ? ParseTime(alive) : 0;
        ServerAliveCountMax = Take(values, "serveralivecountmax") is { } count ? ParseCount(count) : 3;
        PreferredAuthentications = Take(values, "preferredauthentications")?.Value;
        KexAlgorithms = Take(values, "kexalgorithms")?.Value;
        Ciphers = Take(values, "ciphers")?.Value;
        Macs = Take(values, "macs")?.Value;
        HostKeyAlgorithms = Take(values, "hostkeyalgorithms")?.Value;
        if (values["hostname"] is { } hostLine)
        {
            _sources["hostname"] = hostLine.Location;
        }
    }

    /// <summary>The files that were read (Included files not listed).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The host as given.</summary>
    public string OriginalHost { get; }

    /// <summary>HostName, expanded and lower-cased (the original host when none is set).</summary>
    public string HostName { get; }

    /// <summary>User (the local user when none is set).</summary>
    public string User { get; }

    /// <summary>Port (22 when none is set).</summary>
    public int Port { get; }

    /// <summary>IdentityFile entries as written, in order; OpenSSH's defaults when none is configured.</summary>
    public IReadOnlyList<string> IdentityFiles { get; }

    /// <summary>True when <see cref="IdentityFiles"/> came from the config rather than the defaults.</summary>
    public bool IdentityFilesConfigured { get; }

    /// <summary>CertificateFile entries as written.</summary>
    public IReadOnlyList<string> CertificateFiles { get; }

    /// <summary>IdentitiesOnly.</summary>
    public bool IdentitiesOnly { get; }

    /// <summary>IdentityAgent expanded (<c>none</c> and <c>SSH_AUTH_SOCK</c> kept as words), or null when unset.</summary>
    public string? IdentityAgent { get; }

    /// <summary>ProxyJump chain as written, or null for unset and <c>none</c>.</summary>
    public string? ProxyJump => _proxyJump?.Value;

    /// <summary>The ProxyJump chain with its tokens (<c>%h %n %p %r %%</c>) expanded for this host, or null.</summary>
    public string? ExpandedProxyJump => _proxyJump is null ? null : SshTokens.Expand(_proxyJump.Value, c => c switch
    {
        '%' => "%",
        'h' => HostName,
        'n' => OriginalHost,
        'p' => Port.ToString(CultureInfo.InvariantCulture),
        'r' => User,
        _ => null,
    }, _proxyJump);

    /// <summary>UserKnownHostsFile entries, expanded.</summary>
    public IReadOnlyList<string> UserKnownHostsFiles { get; }

    /// <summary>StrictHostKeyChecking as <c>ssh -G</c> prints it: <c>true</c>, <c>false</c>, <c>ask</c> or <c>accept-new</c>.</summary>
    public string StrictHostKeyChecking { get; }

    /// <summary>HashKnownHosts.</summary>
    public bool HashKnownHosts { get; }

    /// <summary>ConnectTimeout in seconds, or null when unset.</summary>
    public int? ConnectTimeout { get; }

    /// <summary>ServerAliveInterval in seconds (0: off).</summary>
    public int ServerAliveInterval { get; }

    /// <summary>ServerAliveCountMax.</summary>
    public int ServerAliveCountMax { get; }

    /// <summary>PreferredAuthentications as written, or null.</summary>
    public string? PreferredAuthentications { get; }

    /// <summary>KexAlgorithms as written, or null.</summary>
    public string? KexAlgorithms { get; }

    /// <summary>Ciphers as written, or null.</summary>
    public string? Ciphers { get; }

    /// <summary>MACs as written, or null.</summary>
    public string? Macs { get; }

    /// <summary>HostKeyAlgorithms as written, or null.</summary>
    public string? HostKeyAlgorithms { get; }

    /// <summary>Where each configured keyword (lower case) came from: <c>~/.ssh/config:12</c>.</summary>
    public IReadOnlyDictionary<string, string> Sources => _sources;

    /// <summary>Expands an IdentityFile/CertificateFile entry (<c>~</c>, <c>${VAR}</c>, tokens) to a path.</summary>
    public string ExpandPath(string path) => _tokens.ExpandPath(path, null);

    /// <summary>HostName with <c>%h</c> and <c>%%</c> expanded, lower-cased, as ssh takes it into use.</summary>
    internal static string ExpandHostName(SshConfigLine? line, string host) =>
        (line is null ? host : SshTokens.Expand(line.Value, c => c switch { '%' => "%", 'h' => host, _ => null }, line)).ToLowerInvariant();

    private SshConfigLine? Take(SshConfigValues values, string keyword)
    {
        var line = values[keyword];
        if (line is not null && line.Number > 0)
        {
            _sources[keyword] = line.Location;
        }

        return line;
    }

    private void Record(string keyword, IReadOnlyList<SshConfigLine> lines)
    {
        if (lines.Count > 0)
        {
            _sources[keyword] = string.Join(", ", lines.Select(l => l.Location).Distinct());
        }
    }

    private string ExpandAgent(SshConfigLine line) =>
        line.Value is "none" or "SSH_AUTH_SOCK" ? line.Value
        : line.Value.StartsWith('$') && !line.Value.StartsWith("${", StringComparison.Ordinal) ? line.Value
        : _tokens.ExpandPath(line.Value, line);

    private static int ParsePort(SshConfigLine line) =>
        int.TryParse(line.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port : throw line.Error($"Badly formatted port number '{line.Value}'.");

    private static bool ParseFlag(SshConfigLine line) => line.Value.ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => throw line.Error($"unsupported option \"{line.Value}\" for {line.Keyword} (yes or no)."),
    };

    private static string ParseStrict(SshConfigLine line) => line.Value.ToLowerInvariant() switch
    {
        "yes" or "true" => "true",
        "no" or "false" or "off" => "false",
        "ask" => "ask",
        "accept-new" => "accept-new",
        _ => throw line.Error($"unsupported option \"{line.Value}\" for StrictHostKeyChecking (yes, no, ask or accept-new)."),
    };

    private static int ParseCount(SshConfigLine line) =>
        int.TryParse(line.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw line.Error($"bad number '{line.Value}'.");

    /// <summary>OpenSSH's time format: <c>30</c>, <c>1m30s</c>, <c>2h</c> (s, m, h, d, w).</summary>
    private static int ParseTime(SshConfigLine line) =>
        SshTime.ToSeconds(line.Value) ?? throw line.Error($"invalid time value '{line.Value}'.");
}
