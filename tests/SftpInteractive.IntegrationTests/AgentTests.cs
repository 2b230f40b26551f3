using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Logging in with keys held by a real ssh-agent, ordered and limited as OpenSSH does.</summary>
public sealed class AgentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyFile(TestServer server, string name) => Path.Combine(server.Facts["SFTPI_TEST_KEYS_DIR"], name);

    /// <summary>The agent account's .env (user name only), with the agent given the way users give it: SSH_AUTH_SOCK.</summary>
    private static Action<SftpOptions> ThroughAgent(TestAgent agent) => o => o.Environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agent.Socket };

    [Theory]
    [InlineData("id_ed25519", "ED25519")]
    [InlineData("id_rsa_pem", "RSA")]
    [InlineData("id_ecdsa", "ECDSA")]
    public async Task Connect_OnlyTheAgentHoldsTheKey_LogsInWithIt(string key, string logType)
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, key));
        var fingerprint = (await ExternalTool.RunCheckedAsync("ssh-keygen", ["-lf", KeyFile(server, key) + ".pub"], Ct)).Split(' ')[1];
        var logStart = new FileInfo(server.Facts["SFTPI_TEST_SSHD_LOG"]).Length;

        await using var s = await server.ConnectAsync("agent", ThroughAgent(agent), Ct);

        Assert.True(s.IsConnected);
        Assert.Equal(agent.Socket, s.Settings.IdentityAgent);
        Assert.Empty(s.Settings.PrivateKeyPaths);
        await s.LsAsync(".", Ct);
        Assert.Contains(NewLogLines(server.Facts["SFTPI_TEST_SSHD_LOG"], logStart),
            l => l.Contains("Accepted publickey for sftpi-key", StringComparison.Ordinal) && l.Contains($"{logType} {fingerprint}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SshAgentClient.RsaSha2256, "rsa-sha2-256")]
    [InlineData(SshAgentClient.RsaSha2512, "rsa-sha2-512")]
    public async Task Sign_RsaKeyWithSha2Flag_AgentSignsWithThatAlgorithm(uint flags, string algorithm)
    {
        var server = TestServer.Require("key-pem");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, "id_rsa_pem"));
        var client = new SshAgentClient(agent.Socket);
        var identity = Assert.Single(client.ListIdentities());
        var data = RandomNumberGenerator.GetBytes(64);

        var blob = client.Sign(identity.Blob, data, flags);

        Assert.NotNull(blob);
        var offset = 0;
        Assert.Equal(algorithm, System.Text.Encoding.ASCII.GetString(SshWire.ReadString(blob, ref offset)));
        var signature = SshWire.ReadString(blob, ref offset);
        var keyOffset = 0;
        _ = SshWire.ReadString(identity.Blob, ref keyOffset);
        var exponent = SshWire.ReadString(identity.Blob, ref keyOffset);
        var modulus = SshWire.ReadString(identity.Blob, ref keyOffset);
        using var rsa = RSA.Create(new RSAParameters { Exponent = exponent, Modulus = modulus.SkipWhile(b => b == 0).ToArray() });
        var hash = flags == SshAgentClient.RsaSha2256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
        Assert.True(rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Connect_AgentKeyAndKeyFile_AgentKeyIsOfferedFirstAsInOpenSsh()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, "id_ecdsa"));
        var agentKey = (await ExternalTool.RunCheckedAsync("ssh-keygen", ["-lf", KeyFile(server, "id_ecdsa") + ".pub"], Ct)).Split(' ')[1];
        var log = server.Facts["SFTPI_TEST_SSHD_LOG"];
        var start = new FileInfo(log).Length;

        await using var s = await server.ConnectAsync("agent", o => { ThroughAgent(agent)(o); o.PrivateKeyPath = KeyFile(server, "id_ed25519"); }, Ct);

        // Other test processes log in as sftpi-key meanwhile (with the file key), so look for our agent key's line: had
        // the file key been offered first, the server would have accepted it and never seen the agent's.
        Assert.Contains(NewLogLines(log, start), l => l.StartsWith("Accepted publickey for sftpi-key", StringComparison.Ordinal)
            && l.Contains($"ECDSA {agentKey}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_AgentsFirstKeyIsRefusedByTheServer_TheNextOneLogsIn()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, "keypass_ed25519")); // sftpi-keypass's key: sftpi-key refuses it
        await agent.AddAsync(Ct, KeyFile(server, "id_ecdsa"));
        var log = server.Facts["SFTPI_TEST_SSHD_LOG"];
        var start = new FileInfo(log).Length;

        await using var s = await server.ConnectAsync("agent", ThroughAgent(agent), Ct);

        Assert.Contains(NewLogLines(log, start), l => l.StartsWith("Accepted publickey for sftpi-key", StringComparison.Ordinal) && l.Contains("ECDSA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_PreferredAuthenticationsWithoutTheNeededMethod_DoesNotTryIt()
    {
        var server = TestServer.Require("keypass"); // the server wants publickey, then password

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("keypass", o => o.PreferredAuthentications = "password", Ct));

        Assert.Contains("(tried: password;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_IdentitiesOnly_OffersOnlyTheConfiguredFileNotTheAgentsOtherKeys()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, "id_ed25519"));     // authorized for sftpi-key
        var notAuthorized = KeyFile(server, "keypass_ed25519");      // sftpi-keypass's key

        await using (var s = await server.ConnectAsync("agent", o => { ThroughAgent(agent)(o); o.PrivateKeyPath = notAuthorized; }, Ct))
        {
            Assert.True(s.IsConnected); // IdentitiesOnly no: the agent's key is offered too (first)
        }

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("agent", o =>
        {
            ThroughAgent(agent)(o);
            o.PrivateKeyPath = notAuthorized;
            o.IdentitiesOnly = true;
        }, Ct));
        Assert.Contains("publickey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_IdentitiesOnlyWithTheFileAlsoInTheAgent_AgentSigns()
    {
        // The configured key file is encrypted and no passphrase is given; the agent holds that key, so OpenSSH's
        // rule applies: the agent's copy is used (found through the .pub beside the file).
        var server = TestServer.Require("key-passphrase");
        using var agent = await TestAgent.StartAsync(Ct);
        using var dir = new TempDir();
        var encrypted = Path.Combine(dir.Path, "id_rsa_passphrase");
        File.Copy(KeyFile(server, "id_rsa_passphrase"), encrypted);
        File.Copy(KeyFile(server, "id_rsa_passphrase") + ".pub", encrypted + ".pub");
        var plain = Path.Combine(dir.Path, "id_rsa_plain");
        File.Copy(KeyFile(server, "id_rsa_passphrase"), plain);
        File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ExternalTool.RunCheckedAsync("ssh-keygen", ["-q", "-p", "-P", server.EnvValue("key-passphrase", "SFTP_PASSPHRASE"), "-N", "", "-f", plain], Ct);
        await agent.AddAsync(Ct, plain);

        await using var s = await server.ConnectAsync("agent", o => { ThroughAgent(agent)(o); o.PrivateKeyPath = encrypted; o.IdentitiesOnly = true; }, Ct);

        Assert.True(s.IsConnected);
    }

    [Fact]
    public async Task Connect_AgentSocketMissing_PasswordStillWorks_AndKeyOnlyAccountSaysWhy()
    {
        var server = TestServer.Require("password");
        var missing = Path.Combine(Path.GetTempPath(), $"sftpi-no-agent-{Guid.NewGuid():N}.sock");

        await using (var s = await server.ConnectAsync("password", o => o.IdentityAgent = missing, Ct))
        {
            Assert.True(s.IsConnected);
        }

        var e = await Assert.ThrowsAsync<SftpConfigException>(() => server.ConnectAsync("agent", o => o.IdentityAgent = missing, Ct));
        Assert.Contains($"ssh-agent socket {missing} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_AgentRefusesToSign_SaysSoAndTheKeyFileStillWorks()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct, refuseToSign: true);
        await agent.AddAsync(Ct, "-c", KeyFile(server, "id_ed25519")); // every signature needs a confirmation, which is denied

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("agent", ThroughAgent(agent), Ct));
        Assert.Contains("the ssh-agent refused to sign with ssh-ed25519", e.Message, StringComparison.Ordinal);

        await using var s = await server.ConnectAsync("agent", o => { ThroughAgent(agent)(o); o.PrivateKeyPath = KeyFile(server, "id_rsa_pem"); }, Ct);
        Assert.True(s.IsConnected);
    }

    [Fact]
    public async Task Reconnect_KeyRemovedFromTheAgentMeanwhile_FailsWithAClearMessage()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, KeyFile(server, "id_ed25519"));
        await using var s = await server.ConnectAsync("agent", ThroughAgent(agent), Ct);

        await agent.AddAsync(Ct, "-D");
        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            // The session's one login is its ssh master, still up: reconnecting opens a new channel on it, no login
            // that would need the agent. A new login (a new session) is refused with the same clear message.
            await s.ReconnectAsync(Ct);
            Assert.True(s.IsConnected);
            var fresh = await Assert.ThrowsAsync<SftpConfigException>(() => server.ConnectAsync("agent", ThroughAgent(agent), Ct));
            Assert.Contains("holds no keys", fresh.Message, StringComparison.Ordinal);
            return;
        }

        var e = await Assert.ThrowsAsync<SftpConfigException>(() => s.ReconnectAsync(Ct));

        Assert.Contains("holds no keys", e.Message, StringComparison.Ordinal);
    }

    internal static List<string> NewLogLines(string log, long start)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(start, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n')];
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sftpi-agentkeys-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
