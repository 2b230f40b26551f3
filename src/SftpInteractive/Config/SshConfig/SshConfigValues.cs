namespace SftpInteractive;

/// <summary>
/// The lines that won while reading ssh_config: for most keywords the first active line (OpenSSH keeps the first
/// value it obtains), for <c>IdentityFile</c> and <c>CertificateFile</c> every active line in order, duplicates dropped.
/// </summary>
internal sealed class SshConfigValues
{
    /// <summary>Keywords read here; every other keyword is ignored, as OpenSSH ignores the ones it does not need.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "hostname", "user", "port", "identitiesonly", "identityagent", "proxyjump", "userknownhostsfile", "stricthostkeychecking",
        "hashknownhosts", "connecttimeout", "serveraliveinterval", "serveralivecountmax", "preferredauthentications",
        "kexalgorithms", "ciphers", "macs", "hostkeyalgorithms",
    };

    private readonly Dictionary<string, SshConfigLine> _first = new(StringComparer.Ordinal);
    private readonly List<SshConfigLine> _identityFiles = [];
    private readonly List<SshConfigLine> _certificateFiles = [];

    /// <summary>The winning line of a single-valued keyword, or null.</summary>
    public SshConfigLine? this[string keyword] => _first.GetValueOrDefault(keyword);

    /// <summary>IdentityFile lines in order.</summary>
    public IReadOnlyList<SshConfigLine> IdentityFiles => _identityFiles;

    /// <summary>CertificateFile lines in order.</summary>
    public IReadOnlyList<SshConfigLine> CertificateFiles => _certificateFiles;

    /// <summary>Takes an active line into account.</summary>
    public void Apply(SshConfigLine line)
    {
        switch (line.Keyword)
        {
            case "identityfile":
                AddOnce(_identityFiles, line);
                break;
            case "certificatefile":
                AddOnce(_certificateFiles, line);
                break;
            case var k when Known.Contains(k):
                _first.TryAdd(k, line);
                break;
            default:
                break;
        }
    }

    /// <summary>Sets a value the way a command-line option does: before any config line, so config lines lose.</summary>
    public void Preset(string keyword, string value, string origin) => _first[keyword] = new SshConfigLine(keyword, [value], origin, 0);

    private static void AddOnce(List<SshConfigLine> lines, SshConfigLine line)
    {
        if (!lines.Exists(l => l.Value == line.Value))
        {
            lines.Add(line);
        }
    }
}
