namespace SftpInteractive;

/// <summary>What ssh_config is resolved for: the host as given, and what the "command line" already fixed.</summary>
/// <param name="Host">The host as the user typed it (an alias or a name).</param>
internal sealed record SshConfigQuery(string Host)
{
    /// <summary>User fixed before the config is read (like <c>ssh -l</c>): config <c>User</c> lines do not change it.</summary>
    public string? User { get; init; }

    /// <summary>Port fixed before the config is read (like <c>ssh -p</c>).</summary>
    public int? Port { get; init; }

    /// <summary>The local user's home directory (<c>~</c>, <c>%d</c>, relative <c>Include</c>s under <c>~/.ssh</c>).</summary>
    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>The local user name (<c>%u</c>, <c>Match localuser</c>, the default remote user).</summary>
    public string LocalUser { get; init; } = System.Environment.UserName;

    // Asked only when a config uses %l, %L or %C: the first call costs a start-up 15 ms (loading name resolution).
    private static readonly Lazy<string> ThisHostName = new(System.Net.Dns.GetHostName);

    private readonly string? _localHostName;

    /// <summary>The local host name with domain (<c>%l</c>); by default this machine's, looked up on first use.</summary>
    public string LocalHostName
    {
        get => _localHostName ?? ThisHostName.Value;
        init => _localHostName = value;
    }

    /// <summary>Environment variables for <c>${NAME}</c> in paths; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
