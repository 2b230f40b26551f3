using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// Connecting through an OpenSSH client config Host alias (HostName, User, Port, IdentityFile) against the real
/// server. The config is a temporary file passed through <see cref="SftpOptions.SshConfigPath"/>, never ~/.ssh/config.
/// </summary>
public sealed class SshConfigTests : IDisposable
{
    private const string Alias = "sftpi-test-alias";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sftpi-sshcfg-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Connect_SshConfigAlias_UsesHostNameUserPortAndIdentityFile()
    {
        var server = TestServer.Require("key");
        var knownHosts = await CopyServerKnownHostsAsync(server);

        await using var s = await Sftp.ConnectAsync(AliasOptions(server, knownHosts), Ct);

        Assert.True(s.IsConnected);
        Assert.Equal("127.0.0.1", s.Settings.Host);
        Assert.Equal(Alias, s.Settings.HostAlias);
        Assert.Equal(server.Port, s.Settings.Port);
        Assert.Equal(server.EnvValue("key", "SFTP_USERNAME"), s.Settings.Username);
        Assert.Equal([server.EnvValue("key", "SFTP_PRIVATE_KEY")], s.Settings.PrivateKeyPaths);
        Assert.EndsWith("ssh_config:9)", s.Settings.Sources["SFTP_PORT"], StringComparison.Ordinal);
        Assert.Contains(s.Explain().Rows, r => r.Setting == "SFTP_PORT" && r.Source.EndsWith("ssh_config:9)", StringComparison.Ordinal));
        Assert.StartsWith("ssh_config (", s.Settings.Sources["SFTP_USERNAME"], StringComparison.Ordinal);
        Assert.StartsWith("ssh_config", s.Settings.Sources["SFTP_PRIVATE_KEY"], StringComparison.Ordinal);
        Assert.Equal(server.HostKeyFingerprint, s.HostKeyFingerprint);
        Assert.Contains($"{Alias} -> 127.0.0.1", s.Settings.Describe().Single(r => r.Key == "SFTP_HOST").Value, StringComparison.Ordinal);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
    }

    [Fact]
    public async Task Connect_SshConfigAlias_KnownHostsIsCheckedUnderTheResolvedHostAndPort()
    {
        var server = TestServer.Require("key");
        // The right key, but filed under the alias: like ssh, the check uses the HostName and Port, so strict refuses.
        var serverLine = (await File.ReadAllLinesAsync(server.EnvValue("key", "SFTP_KNOWN_HOSTS"), Ct))
            .First(l => l.Contains(" ssh-ed25519 ", StringComparison.Ordinal));
        var knownHosts = Path.Combine(_dir.FullName, "known_hosts_alias");
        await File.WriteAllTextAsync(knownHosts, $"[{Alias}]:{server.Port} {serverLine[(serverLine.IndexOf(' ', StringComparison.Ordinal) + 1)..]}\n", Ct);

        var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => Sftp.ConnectAsync(AliasOptions(server, knownHosts), Ct));

        Assert.Contains($"[127.0.0.1]:{server.Port}", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SshConfigAliasWithEnvPort_EnvWins()
    {
        var server = TestServer.Require("key");
        var knownHosts = await CopyServerKnownHostsAsync(server);
        var options = AliasOptions(server, knownHosts, configPort: AuthenticationTests.FreePort());
        options.Port = server.Port; // explicit beats ssh_config's (wrong) Port

        await using var s = await Sftp.ConnectAsync(options, Ct);

        Assert.Equal(server.Port, s.Settings.Port);
        Assert.Equal("explicit", s.Settings.Sources["SFTP_PORT"]);
    }

    private SftpOptions AliasOptions(TestServer server, string knownHosts, int? configPort = null)
    {
        var config = Path.Combine(_dir.FullName, "ssh_config");
        File.WriteAllText(config, $"""
            # written by SshConfigTests
            Host other-host
                HostName 192.0.2.1
                User nobody

            Host {Alias}
                HostName 127.0.0.1
                User {server.EnvValue("key", "SFTP_USERNAME")}
                Port {configPort ?? server.Port}
                IdentityFile {server.EnvValue("key", "SFTP_PRIVATE_KEY")}

            Host *
                User wrong-user-for-everything-else
            """);
        var env = Path.Combine(_dir.FullName, ".env");
        File.WriteAllText(env, $"SFTP_HOST={Alias}\nSFTP_KNOWN_HOSTS={knownHosts}\nSFTP_HOST_KEY_POLICY=strict\n");
        return new SftpOptions { EnvFile = env, SshConfigPath = config, Environment = new Dictionary<string, string>() };
    }

    private async Task<string> CopyServerKnownHostsAsync(TestServer server)
    {
        var copy = Path.Combine(_dir.FullName, "known_hosts");
        File.Copy(server.EnvValue("key", "SFTP_KNOWN_HOSTS"), copy);
        Assert.Contains($"[127.0.0.1]:{server.Port}", await File.ReadAllTextAsync(copy, Ct), StringComparison.Ordinal);
        return copy;
    }
}
