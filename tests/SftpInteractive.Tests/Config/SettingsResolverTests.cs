namespace SftpInteractive.Tests.Config;

public sealed class SettingsResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-cfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteEnv(string contents, string? folder = null)
    {
        var dir = folder ?? _dir;
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, ".env");
        File.WriteAllText(path, contents);
        return path;
    }

    private SftpOptions Options(Dictionary<string, string>? env = null, string? workingDirectory = null) => new()
    {
        WorkingDirectory = workingDirectory ?? _dir,
        Environment = env ?? new Dictionary<string, string>(),
        SshConfigPath = "/dev/null", // like ssh -F /dev/null: the machine's ~/.ssh/config and /etc/ssh/ssh_config stay out
        KnownHostsPath = null,
    };

    [Fact]
    public void Resolve_EnvFileInParentDirectory_IsFoundByUpwardSearch()
    {
        var envPath = WriteEnv("SFTP_HOST=files.example.org\nSFTP_USERNAME=alice\nSFTP_PASSWORD=s3cret-pw\nSFTP_PORT=2200\n");
        var nested = Path.Combine(_dir, "a", "b", "c");
        Directory.CreateDirectory(nested);

        var settings = Sftp.LoadSettings(Options(workingDirectory: nested));

        Assert.Equal("files.example.org", settings.Host);
        Assert.Equal(2200, settings.Port);
        Assert.Equal("alice", settings.Username);
        Assert.Equal("s3cret-pw", settings.Password);
        Assert.Equal(envPath, settings.EnvFile);
        Assert.StartsWith(".env", settings.Sources[SettingKeys.Host], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnvironmentVariable_OverridesEnvFile_AndExplicitOverridesBoth()
    {
        WriteEnv("SFTP_HOST=from-file\nSFTP_USERNAME=file-user\nSFTP_PORT=1111\n");
        var options = Options(new Dictionary<string, string> { ["SFTP_USERNAME"] = "env-user", ["SFTP_PORT"] = "2222" });
        options.Port = 3333;

        var settings = Sftp.LoadSettings(options);

        Assert.Equal("from-file", settings.Host);
        Assert.Equal("env-user", settings.Username);
        Assert.Equal(3333, settings.Port);
        Assert.Equal("environment", settings.Sources[SettingKeys.Username]);
        Assert.Equal("explicit", settings.Sources[SettingKeys.Port]);
    }

    [Fact]
    public void Resolve_MissingHost_NamesTheKeyAndWhereItLooked()
    {
        var envPath = WriteEnv("SFTP_USERNAME=alice\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("SFTP_HOST", e.Message, StringComparison.Ordinal);
        Assert.Contains(envPath, e.Message, StringComparison.Ordinal);
        Assert.Contains("environment variables", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoEnvFileAnywhere_SaysNoneWasFound()
    {
        var empty = Directory.CreateTempSubdirectory("sftpi-noenv-").FullName;
        try
        {
            var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options(workingDirectory: empty)));
            Assert.Contains("no .env file found", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Resolve_MalformedEnvFile_GivesPositionButNotTheSecret()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_PASSWORD=\"unterminated-Sup3rSecret\nSFTP_USERNAME=u\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rSecret", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitEnvFileMissing_Throws()
    {
        var options = Options();
        options.EnvFile = Path.Combine(_dir, "nope.env");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(options));

        Assert.Contains("nope.env", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadPort_SaysWhichKeyAndSource()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_PORT=http\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("SFTP_PORT", e.Message, StringComparison.Ordinal);
        Assert.Contains("'http'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RelativeKeyPath_IsRelativeToTheEnvFile()
    {
        File.WriteAllText(Path.Combine(_dir, "id_test"), "not really a key");
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_PRIVATE_KEY=id_test\n");
        var elsewhere = Path.Combine(_dir, "sub");
        Directory.CreateDirectory(elsewhere);

        var settings = Sftp.LoadSettings(Options(workingDirectory: elsewhere));

        Assert.Equal(Path.Combine(_dir, "id_test"), Assert.Single(settings.PrivateKeyPaths));
    }

    [Fact]
    public void Resolve_MissingKeyFile_NamesThePath()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_PRIVATE_KEY=/nonexistent/id_x\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("/nonexistent/id_x", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strict", HostKeyPolicy.Strict)]
    [InlineData("accept-new", HostKeyPolicy.AcceptNew)]
    [InlineData("pinned", HostKeyPolicy.Pinned)]
    public void Resolve_HostKeyPolicy_Parses(string text, HostKeyPolicy expected)
    {
        WriteEnv($"SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_HOST_KEY_POLICY={text}\nSFTP_HOST_KEY_FINGERPRINT=SHA256:abc\n");

        Assert.Equal(expected, Sftp.LoadSettings(Options()).HostKeyPolicy);
    }

    [Fact]
    public void Resolve_PinnedWithoutFingerprint_Throws()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_HOST_KEY_POLICY=pinned\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("SFTP_HOST_KEY_FINGERPRINT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SshConfigAlias_SuppliesHostNameUserPortAndIdentity()
    {
        var key = Path.Combine(_dir, "id_alias");
        File.WriteAllText(key, "k");
        var sshConfig = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(sshConfig, $"Host other\n  User nobody\n\nHost wmr wmr-*\n  HostName 127.0.0.1\n  User bob\n  Port 2022\n  IdentityFile {key}\n\nHost *\n  User fallback\n  Port 22\n");
        WriteEnv("SFTP_HOST=wmr\n");
        var options = Options();
        options.SshConfigPath = sshConfig;

        var settings = Sftp.LoadSettings(options);

        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal("wmr", settings.HostAlias);
        Assert.Equal("bob", settings.Username);
        Assert.Equal(2022, settings.Port);
        Assert.Equal(key, Assert.Single(settings.PrivateKeyPaths));
    }

    [Fact]
    public void Resolve_HashKnownHosts_DefaultsOffAndComesFromSshConfig()
    {
        var sshConfig = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(sshConfig, "Host wmr\n  HostName 127.0.0.1\n\nHost *\n  HashKnownHosts yes\n");
        WriteEnv("SFTP_HOST=wmr\nSFTP_USERNAME=bob\n");
        var options = Options();

        Assert.False(Sftp.LoadSettings(options).HashKnownHosts);
        options.SshConfigPath = sshConfig;
        var settings = Sftp.LoadSettings(options);

        Assert.True(settings.HashKnownHosts);
        Assert.StartsWith("ssh_config (", settings.Sources[SettingKeys.KnownHostsHash], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Resolve_KnownHostsHashFromEnv_OverridesSshConfig(string value, bool expected)
    {
        var sshConfig = Path.Combine(_dir, "ssh_config");
        File.WriteAllText(sshConfig, $"Host *\n  HashKnownHosts {(expected ? "no" : "yes")}\n");
        WriteEnv($"SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_KNOWN_HOSTS_HASH={value}\n");
        var options = Options();
        options.SshConfigPath = sshConfig;

        var settings = Sftp.LoadSettings(options);

        Assert.Equal(expected, settings.HashKnownHosts);
        Assert.StartsWith(".env", settings.Sources[SettingKeys.KnownHostsHash], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KnownHostsHashNotABoolean_NamesTheKey()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_KNOWN_HOSTS_HASH=maybe\n");

        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options()));

        Assert.Contains("SFTP_KNOWN_HOSTS_HASH", e.Message, StringComparison.Ordinal);
        Assert.Contains("maybe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsSecrets()
    {
        WriteEnv("SFTP_HOST=h\nSFTP_USERNAME=u\nSFTP_PASSWORD=pw-Zq81xx\nSFTP_PASSPHRASE=pp-Zq82xx\nSFTP_TOTP_SECRET=JBSWY3DPEHPK3PXP\n");

        var settings = Sftp.LoadSettings(Options());
        var shown = settings.ToString() + string.Join("|", settings.Describe());

        Assert.DoesNotContain("pw-Zq81xx", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("pp-Zq82xx", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", shown, StringComparison.Ordinal);
        Assert.Equal(Redactor.Mask + " in text", Redactor.Redact("pw-Zq81xx in text"));
    }

    [Fact]
    public void OptionsToString_MasksSecrets()
    {
        var options = new SftpOptions { Host = "h", Password = "opt-secret-1", Passphrase = "opt-secret-2", TotpSecret = "opt-secret-3" };

        var text = options.ToString();

        Assert.DoesNotContain("opt-secret", text, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, text, StringComparison.Ordinal);
    }
}
