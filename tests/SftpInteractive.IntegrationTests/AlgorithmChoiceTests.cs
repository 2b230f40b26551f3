using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>KexAlgorithms, Ciphers, MACs and HostKeyAlgorithms decide what the real sshd and SSH.NET agree on.</summary>
public sealed class AlgorithmChoiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Action<SftpOptions> With(params (string Key, string Value)[] settings) =>
        o => o.Environment = settings.ToDictionary(s => s.Key, s => s.Value);

    [Fact]
    public async Task Connect_ByDefault_AgreesOnAPostQuantumKeyExchangeAndAesGcm()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        Assert.Matches("^(mlkem768x25519-sha256|sntrup761x25519-sha512)", s.Client.ConnectionInfo.CurrentKeyExchangeAlgorithm);
        Assert.Equal(SshConnector.PreferredCipher, s.Client.ConnectionInfo.CurrentClientEncryption);
    }

    [Fact]
    public async Task Connect_ListsSet_TheServerAgreesOnTheChosenOnesAndTheSessionWorks()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", With(
            (SettingKeys.KexAlgorithms, "curve25519-sha256"), (SettingKeys.Ciphers, "aes256-ctr"), (SettingKeys.Macs, "hmac-sha2-512-etm@openssh.com,hmac-sha2-512"),
            (SettingKeys.HostKeyAlgorithms, "ecdsa-sha2-nistp256")), Ct);

        var info = s.Client.ConnectionInfo;
        Assert.Equal("curve25519-sha256", info.CurrentKeyExchangeAlgorithm);
        Assert.Equal("aes256-ctr", info.CurrentClientEncryption);
        Assert.Equal("hmac-sha2-512-etm@openssh.com", info.CurrentClientHmacAlgorithm);
        Assert.Equal("ecdsa-sha2-nistp256", info.CurrentHostKeyAlgorithm);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, cancellationToken: Ct));
    }

    [Fact]
    public async Task Connect_RemovingThePostQuantumOnes_FallsBackToCurve25519()
    {
        var server = TestServer.Require("key");
        await using var s = await server.ConnectAsync("key", With((SettingKeys.KexAlgorithms, "-mlkem*,sntrup*")), Ct);

        Assert.StartsWith("curve25519-sha256", s.Client.ConnectionInfo.CurrentKeyExchangeAlgorithm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_UnknownName_ClearErrorBeforeAnyConnection()
    {
        var server = TestServer.Require("key");

        var e = await Assert.ThrowsAsync<SftpConfigException>(() => server.ConnectAsync("key", With((SettingKeys.Ciphers, "aes128-gcm@openssh.com,rot13")), Ct));

        Assert.Contains("SFTP_CIPHERS (environment) names 'rot13'", e.Message, StringComparison.Ordinal);
        Assert.Contains("aes256-ctr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NoKeyExchangeTheServerAccepts_SaysSoAndNamesTheSetting()
    {
        var server = TestServer.Require("key");

        var e = await Assert.ThrowsAnyAsync<SftpInteractiveException>(() => server.ConnectAsync("key", With((SettingKeys.KexAlgorithms, "diffie-hellman-group1-sha1")), Ct));

        Assert.Contains("key exchange", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(SettingKeys.KexAlgorithms, e.Message, StringComparison.Ordinal);
    }
}
