namespace SftpInteractive;

/// <summary>The settings that come from ssh_config, each remembering its file and line.</summary>
internal sealed partial class SettingsResolver
{
    private static string Home => System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>Reads ssh_config as OpenSSH does: <see cref="SftpOptions.SshConfigPath"/> or <c>SFTP_SSH_CONFIG</c>
    /// alone (like <c>ssh -F</c>; it must exist), else ~/.ssh/config then /etc/ssh/ssh_config.</summary>
    private SshHostConfig ReadSshConfig(string alias, string? user, int? port)
    {
        var explicitFile = Pick(SettingKeys.SshConfig, _options.SshConfigPath) is { } file ? ResolvePath(file) : null;
        _explicitSshConfig = explicitFile;
        if (explicitFile is not null && !File.Exists(explicitFile))
        {
            throw new SftpConfigException(
                $"{SettingKeys.SshConfig} points to {LocalPaths.Display(explicitFile)}, which does not exist (set by {SourceText(SettingKeys.SshConfig)}). Fix the path.");
        }

        var query = new SshConfigQuery(alias) { User = user, Port = port, Environment = _environment };
        return SshConfigReader.Resolve(SshConfigSource.Choose(explicitFile, Home), query);
    }

    /// <summary>The ssh_config value of <paramref name="keyword"/> when a config line set it (recording that line as
    /// the source of <paramref name="key"/>), else null.</summary>
    private T? FromSshConfig<T>(string key, SshHostConfig ssh, string keyword, T? value)
    {
        if (value is null || !ssh.Sources.TryGetValue(keyword, out var location))
        {
            return default;
        }

        _sources[key] = $"ssh_config ({location})";
        return value;
    }

    // OpenSSH's "no"/"off" would accept any key, even a changed one; we never trust silently, so the closest safe
    // policy is accept-new (an unknown key is added and shown, a changed key is refused). "ask" has no prompt here.
    private static HostKeyPolicy? PolicyFromSsh(string strict) => strict switch
    {
        "true" or "ask" => HostKeyPolicy.Strict,
        "accept-new" or "false" => HostKeyPolicy.AcceptNew,
        _ => null,
    };

    /// <summary>What ssh_config says about a jump host, under its own name: the seam through which each hop resolves
    /// its own HostName, User, Port and IdentityFile (read from the same files as the target).</summary>
    private SshHostEntry LookUpJumpHost(string name)
    {
        var hop = SshConfigReader.Resolve(SshConfigSource.Choose(_explicitSshConfig, Home), new SshConfigQuery(name) { Environment = _environment });
        return new SshHostEntry(
            hop.Sources.ContainsKey("hostname") ? hop.HostName : null,
            hop.Sources.ContainsKey("user") ? hop.User : null,
            hop.Sources.ContainsKey("port") ? hop.Port : null,
            hop.IdentityFilesConfigured ? [.. hop.IdentityFiles.Select(hop.ExpandPath)] : [],
            hop.Sources.ContainsKey("hashknownhosts") ? hop.HashKnownHosts : null);
    }

    private List<JumpHost> JumpHosts(SshHostConfig ssh)
    {
        if (FromSshConfig(SettingKeys.Jump, ssh, "proxyjump", ssh.ExpandedProxyJump) is not { } chain)
        {
            return [];
        }

        try
        {
            return [.. SshPatternList.Split(chain).Select(JumpHost.Parse)];
        }
        catch (SftpConfigException e)
        {
            throw new SftpConfigException($"ProxyJump at {ssh.Sources["proxyjump"]}: {e.Message}", e);
        }
    }

    // IdentityAgent wins over SSH_AUTH_SOCK; "none" turns the agent off; "SSH_AUTH_SOCK" or "$VAR" name a variable.
    private string? IdentityAgent(SshHostConfig ssh)
    {
        var configured = FromSshConfig(SettingKeys.IdentityAgent, ssh, "identityagent", ssh.IdentityAgent);
        var fromEnvironment = _environment.GetValueOrDefault("SSH_AUTH_SOCK");
        if (configured is null && !string.IsNullOrEmpty(fromEnvironment))
        {
            _sources[SettingKeys.IdentityAgent] = "environment (SSH_AUTH_SOCK)";
        }

        return configured switch
        {
            null => string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment,
            "none" => null,
            "SSH_AUTH_SOCK" => fromEnvironment,
            ['$', .. var name] => _environment.GetValueOrDefault(name),
            _ => configured,
        };
    }
}
