using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// OpenSSH user certificates: the test server trusts a test CA (TrustedUserCAKeys); cert_ed25519 is NOT in any
/// authorized_keys, so only its certificate (signed for principal sftpi-key) can log it in.
/// </summary>
public sealed class CertificateTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sftpi-cert-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Connect_CertificateBesideTheKey_LogsInWithTheCertificate()
    {
        var server = TestServer.Require("cert");
        var log = server.Facts["SFTPI_TEST_SSHD_LOG"];
        var start = new FileInfo(log).Length;

        await using var s = await server.ConnectAsync("cert", cancellationToken: Ct);

        Assert.True(s.IsConnected);
        Assert.Contains(AgentTests.NewLogLines(log, start), l => l.Contains("Accepted publickey for sftpi-key", StringComparison.Ordinal)
            && l.Contains("ED25519-CERT", StringComparison.Ordinal) && l.Contains("ID sftpi-test-cert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_SameKeyWithoutItsCertificate_IsRefused()
    {
        var server = TestServer.Require("cert");
        var key = Copy(server.EnvValue("cert", "SFTP_PRIVATE_KEY"), "lonely_ed25519");

        await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("cert", o => o.PrivateKeyPath = key, Ct));
    }

    [Fact]
    public async Task Connect_CertificateGivenExplicitly_LogsIn()
    {
        var server = TestServer.Require("cert");
        var keyPath = server.EnvValue("cert", "SFTP_PRIVATE_KEY");
        var key = Copy(keyPath, "mykey");
        var certificate = Copy(keyPath + "-cert.pub", "elsewhere.cert");

        await using var s = await server.ConnectAsync("cert", o => { o.PrivateKeyPath = key; o.CertificatePath = certificate; }, Ct);

        Assert.True(s.IsConnected);
        Assert.Equal([certificate], s.Settings.CertificateFiles);
    }

    [Fact]
    public async Task Connect_CertificateHeldByTheAgent_LogsIn()
    {
        var server = TestServer.Require("agent");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, server.EnvValue("cert", "SFTP_PRIVATE_KEY")); // ssh-add loads cert_ed25519-cert.pub with it

        await using var s = await server.ConnectAsync("agent", o => o.IdentityAgent = agent.Socket, Ct);

        Assert.True(s.IsConnected);
    }

    [Fact]
    public async Task Connect_AgentKeyWithCertificateFile_LogsIn()
    {
        var server = TestServer.Require("agent");
        var keyPath = server.EnvValue("cert", "SFTP_PRIVATE_KEY");
        var key = Copy(keyPath, "agent_only");
        using var agent = await TestAgent.StartAsync(Ct);
        await agent.AddAsync(Ct, key); // no certificate beside this copy: the agent holds the bare key
        var certificate = Copy(keyPath + "-cert.pub", "the.cert");

        await using var s = await server.ConnectAsync("agent", o => { o.IdentityAgent = agent.Socket; o.CertificatePath = certificate; }, Ct);

        Assert.True(s.IsConnected);
    }

    private string Copy(string source, string name)
    {
        var target = Path.Combine(_dir.FullName, name);
        File.Copy(source, target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return target;
    }
}
