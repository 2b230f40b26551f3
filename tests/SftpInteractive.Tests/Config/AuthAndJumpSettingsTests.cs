namespace SftpInteractive.Tests.Config;

/// <summary>The agent, certificate and ProxyJump settings: where they come from, and what a jump host inherits.</summary>
public sealed class AuthAndJumpSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-authcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SftpOptions Options(string env, Dictionary<string, string>? environment = null, string? sshConfig = null)
    {
        File.WriteAllText(Path.Combine(_dir, ".env"), "SFTP_HOST=target.example.org\nSFTP_USERNAME=alice\n" + env);
        var configPath = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(configPath, sshConfig ?? "");
        return new SftpOptions { WorkingDirectory = _dir, Environment = environment ?? [], SshConfigPath = configPath };
    }

    [Fact]
    public void Resolve_AgentDefaultsToSshAuthSock_AndSftpIdentityAgentOverridesIt()
    {
        var fromSock = Sftp.LoadSettings(Options("", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = "/run/agent.sock" }));
        var chosen = Sftp.LoadSettings(Options("SFTP_IDENTITY_AGENT=/tmp/other.sock\n", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = "/run/agent.sock" }));
        var none = Sftp.LoadSettings(Options("SFTP_IDENTITY_AGENT=none\n", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = "/run/agent.sock" }));
        var absent = Sftp.LoadSettings(Options(""));

        Assert.Equal("/run/agent.sock", fromSock.IdentityAgent);
        Assert.Equal("environment (SSH_AUTH_SOCK)", fromSock.Sources[SettingKeys.IdentityAgent]);
        Assert.Equal("/tmp/other.sock", chosen.IdentityAgent);
        Assert.Null(none.IdentityAgent);
        Assert.Null(absent.IdentityAgent);
    }

    [Fact]
    public void Resolve_JumpIdentitiesOnlyAndCertificate_FromEnvFile()
    {
        var cert = Path.Combine(_dir, "id_ed25519-cert.pub");
        File.WriteAllText(cert, "ssh-ed25519-cert-v01@openssh.com AAAA");

        var settings = Sftp.LoadSettings(Options($"SFTP_JUMP=ops@bastion:2299,inner\nSFTP_IDENTITIES_ONLY=yes\nSFTP_CERTIFICATE={cert}\n"));

        Assert.Equal([new JumpHost("bastion", 2299, "ops"), new JumpHost("inner", 0, null)], settings.JumpHosts);
        Assert.True(settings.IdentitiesOnly);
        Assert.Equal([cert], settings.CertificateFiles);
        Assert.Contains(settings.Describe(), row => row.Key == SettingKeys.Jump && row.Value == "ops@bastion:2299,inner");
        Assert.Contains("via ops@bastion:2299 -> inner", settings.Route, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MalformedJumpOrMissingCertificate_SaysWhichKey()
    {
        var jump = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options("SFTP_JUMP=ops@:22\n")));
        var cert = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options("SFTP_CERTIFICATE=nowhere-cert.pub\n")));

        Assert.StartsWith("SFTP_JUMP (set by .env", jump.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_CERTIFICATE points to", cert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JumpHost_ResolvesItsOwnSshConfig_AndNeverGetsTheTargetsSecrets()
    {
        var hopKey = Path.Combine(_dir, "bastion_key");
        File.WriteAllText(hopKey, "not read here");
        var settings = Sftp.LoadSettings(Options(
            "SFTP_PASSWORD=target-pw\nSFTP_TOTP_SECRET=JBSWY3DPEHPK3PXP\nSFTP_JUMP=bastion,second:2200\nSFTP_HOST_KEY_POLICY=pinned\nSFTP_HOST_KEY_FINGERPRINT=SHA256:abc\n",
            sshConfig: $"Host bastion\n  HostName 10.0.0.5\n  User ops\n  Port 2299\n  IdentityFile {hopKey}\n"));

        var first = JumpHostSettings.For(settings, 0);
        var second = JumpHostSettings.For(settings, 1);

        Assert.Equal(("10.0.0.5", 2299, "ops"), (first.Host, first.Port, first.Username));
        Assert.Equal([hopKey], first.PrivateKeyPaths);
        Assert.Empty(first.JumpHosts);
        Assert.Null(first.Password);
        Assert.Null(first.TotpSecret);
        Assert.Equal(HostKeyPolicy.Strict, first.HostKeyPolicy); // the pinned fingerprint is the target's
        Assert.Equal(("second", 2200, Environment.UserName), (second.Host, second.Port, second.Username));
        Assert.Equal([settings.JumpHosts[0]], second.JumpHosts); // reached through the first hop
        Assert.Equal(settings.KnownHostsPath, second.KnownHostsPath);
    }

    [Fact]
    public void Resolve_PreferredAuthenticationsAndKeepAliveCountMax_FromEnvFile()
    {
        var settings = Sftp.LoadSettings(Options("SFTP_PREFERRED_AUTHENTICATIONS=password, publickey\nSFTP_KEEPALIVE_COUNT_MAX=5\n"));
        var defaults = Sftp.LoadSettings(Options(""));

        Assert.Equal(["password", "publickey"], settings.PreferredAuthentications);
        Assert.Equal(5, settings.ServerAliveCountMax);
        Assert.Empty(defaults.PreferredAuthentications);
        Assert.Equal(3, defaults.ServerAliveCountMax);
        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options("SFTP_PREFERRED_AUTHENTICATIONS=gssapi-with-mic\n")));
        Assert.Contains("'gssapi-with-mic'", e.Message, StringComparison.Ordinal);
    }
}
