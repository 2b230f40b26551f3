namespace SftpInteractive.Tests.Config;

/// <summary>How ssh_config values reach <see cref="SftpSettings"/>: file choice, precedence, sources with file:line.</summary>
public sealed class SettingsResolverSshConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-sshset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private SftpOptions Options(string env, Dictionary<string, string>? environment = null) => new()
    {
        WorkingDirectory = _dir,
        EnvFile = Write(".env", env),
        Environment = environment ?? [],
    };

    [Fact]
    public void Resolve_SftpSshConfigInDotEnv_ChoosesTheFileAndSourcesNameItsLines()
    {
        Write("cfg", "# comment\nHost box\n  HostName 10.0.0.5\n  Port 2022\n  ProxyJump jumper@bastion:2200,hop2\n  StrictHostKeyChecking accept-new\n  ConnectTimeout 9\n  ServerAliveInterval 11\n  ServerAliveCountMax 4\n  PreferredAuthentications publickey,password\n");

        var settings = Sftp.LoadSettings(Options("SFTP_HOST=box\nSFTP_USERNAME=u\nSFTP_SSH_CONFIG=cfg\n"));

        Assert.Equal("10.0.0.5", settings.Host);
        Assert.Equal($".env ({LocalPaths.Display(Path.Combine(_dir, ".env"))}) -> ssh_config ({LocalPaths.Display(Path.Combine(_dir, "cfg"))}:3)", settings.Sources[SettingKeys.Host]);
        Assert.Equal(2022, settings.Port);
        Assert.EndsWith("cfg:4)", settings.Sources[SettingKeys.Port], StringComparison.Ordinal);
        Assert.Equal([new JumpHost("bastion", 2200, "jumper"), new JumpHost("hop2", 0, null)], settings.JumpHosts);
        Assert.Equal(HostKeyPolicy.AcceptNew, settings.HostKeyPolicy);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(11), settings.KeepAliveInterval);
        Assert.Equal(4, settings.ServerAliveCountMax);
        Assert.Equal(["publickey", "password"], settings.PreferredAuthentications);
        Assert.Equal([Path.Combine(_dir, "cfg")], settings.SshConfigFiles);
        Assert.Contains(settings.Describe(), r => r.Key == SettingKeys.Jump && r.Source.EndsWith("cfg:5)", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_AlgorithmLists_FromSshConfigWithTheirLinesAndDotEnvWins()
    {
        Write("cfg", "Host box\n  KexAlgorithms curve25519-sha256\n  Ciphers ^aes256-ctr\n  MACs -hmac-sha1*\n  HostKeyAlgorithms ssh-ed25519\n");

        var settings = Sftp.LoadSettings(Options("SFTP_HOST=box\nSFTP_USERNAME=u\nSFTP_SSH_CONFIG=cfg\nSFTP_CIPHERS=aes128-ctr\n"));

        Assert.Equal("curve25519-sha256", settings.KexAlgorithms);
        Assert.EndsWith("cfg:2)", settings.Sources[SettingKeys.KexAlgorithms], StringComparison.Ordinal);
        Assert.Equal("aes128-ctr", settings.Ciphers);
        Assert.StartsWith(".env", settings.Sources[SettingKeys.Ciphers], StringComparison.Ordinal);
        Assert.Equal("-hmac-sha1*", settings.Macs);
        Assert.Equal("ssh-ed25519", settings.HostKeyAlgorithms);
        Assert.Contains(settings.Describe(), r => r.Key == SettingKeys.Macs && r.Value == "-hmac-sha1*" && r.Source.EndsWith("cfg:4)", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_UsernameFromEnv_IsSeenByMatchUserLikeSshDashL()
    {
        Write("cfg", "Match user alice\n  Port 2201\nHost *\n  Port 2299\n");

        Assert.Equal(2201, Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=alice\nSFTP_SSH_CONFIG=cfg\n")).Port);
        Assert.Equal(2299, Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=bob\nSFTP_SSH_CONFIG=cfg\n")).Port);
    }

    [Fact]
    public void Resolve_EnvBeatsSshConfig()
    {
        Write("cfg", "Host *\n  Port 2299\n  ConnectTimeout 3\n  StrictHostKeyChecking no\n");

        var settings = Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_PORT=22\nSFTP_TIMEOUT=5\nSFTP_HOST_KEY_POLICY=strict\nSFTP_SSH_CONFIG=cfg\n"));

        Assert.Equal(22, settings.Port);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ConnectTimeout);
        Assert.Equal(HostKeyPolicy.Strict, settings.HostKeyPolicy);
    }

    [Fact]
    public void Resolve_SshConfigMissing_NamesTheSetting()
    {
        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_SSH_CONFIG=nope\n")));

        Assert.Contains("SFTP_SSH_CONFIG", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "/run/agent.sock", "/run/agent.sock")]
    [InlineData("none", "/run/agent.sock", null)]
    [InlineData("SSH_AUTH_SOCK", "/run/agent.sock", "/run/agent.sock")]
    [InlineData("/other/agent", "/run/agent.sock", "/other/agent")]
    [InlineData(null, null, null)]
    public void Resolve_IdentityAgent_FollowsSshAuthSockAndConfig(string? configured, string? authSock, string? expected)
    {
        Write("cfg", configured is null ? "Host *\n  User u\n" : $"Host *\n  IdentityAgent {configured}\n");
        var environment = authSock is null ? [] : new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = authSock };

        Assert.Equal(expected, Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_SSH_CONFIG=cfg\n", environment)).IdentityAgent);
    }

    [Fact]
    public void Resolve_IdentityFiles_ExpandedInOrderMissingSkipped()
    {
        var a = Write("id_a", "k");
        var b = Write("id_h_u", "k");
        Write("cfg", $"Host h\n  IdentityFile {a}\n  IdentityFile {_dir}/missing\n  IdentityFile {_dir}/id_%h_%r\n  IdentitiesOnly yes\n  CertificateFile {_dir}/id_%h-cert.pub\n");

        var settings = Sftp.LoadSettings(Options("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_SSH_CONFIG=cfg\n"));

        Assert.Equal([a, b], settings.PrivateKeyPaths);
        Assert.True(settings.IdentitiesOnly);
        Assert.Equal([Path.Combine(_dir, "id_h-cert.pub")], settings.CertificateFiles);
    }
}
