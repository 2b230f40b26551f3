using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// Private key formats beyond the server's own .env files: encrypted PEM, encrypted PuTTY .ppk (v3 and v2) and the
/// server's unencrypted .ppk v2. The encrypted files are made here from the key account's own PEM key (same public
/// key, so the server's authorized_keys is untouched), each with a fresh passphrase.
/// </summary>
public sealed class KeyFormatTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sftpi-keys-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Connect_EncryptedPemKeyWithPassphrase_Works()
    {
        var server = TestServer.Require("key-pem");
        var passphrase = NewPassphrase();
        var key = CopyKey(server.EnvValue("key-pem", "SFTP_PRIVATE_KEY"), "id_rsa_pem_encrypted");
        await ExternalTool.RunCheckedAsync("ssh-keygen", ["-q", "-p", "-m", "PEM", "-P", "", "-N", passphrase, "-f", key], Ct);
        var text = await File.ReadAllTextAsync(key, Ct);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", text, StringComparison.Ordinal);
        Assert.Contains("Proc-Type: 4,ENCRYPTED", text, StringComparison.Ordinal);

        await using var s = await server.ConnectAsync("key-pem", o => { o.PrivateKeyPath = key; o.Passphrase = passphrase; }, Ct);

        Assert.True(s.IsConnected);
        await s.LsAsync(".", Ct);
    }

    [Fact]
    public async Task Connect_EncryptedPemKeyWithWrongPassphrase_SaysThePassphraseIsWrong()
    {
        var server = TestServer.Require("key-pem");
        var key = CopyKey(server.EnvValue("key-pem", "SFTP_PRIVATE_KEY"), "id_rsa_pem_encrypted");
        await ExternalTool.RunCheckedAsync("ssh-keygen", ["-q", "-p", "-m", "PEM", "-P", "", "-N", NewPassphrase(), "-f", key], Ct);

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("key-pem",
            o => { o.PrivateKeyPath = key; o.Passphrase = "not-the-Passphrase-42"; }, Ct));

        Assert.Contains("passphrase is wrong", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-Passphrase-42", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("2")]
    public async Task Connect_EncryptedPpkWithPassphrase_Works(string version)
    {
        var server = TestServer.Require("key-pem");
        var passphrase = NewPassphrase();
        var passphraseFile = Path.Combine(_dir.FullName, "passphrase");
        await File.WriteAllTextAsync(passphraseFile, passphrase, Ct);
        var ppk = Path.Combine(_dir.FullName, $"id_rsa_v{version}_encrypted.ppk");
        await ExternalTool.RunCheckedAsync("puttygen",
            [server.EnvValue("key-pem", "SFTP_PRIVATE_KEY"), "-O", "private", "--ppk-param", "version=" + version, "--new-passphrase", passphraseFile, "-o", ppk], Ct);
        var text = await File.ReadAllTextAsync(ppk, Ct);
        Assert.StartsWith($"PuTTY-User-Key-File-{version}: ssh-rsa", text, StringComparison.Ordinal);
        Assert.Contains("Encryption: aes256-cbc", text, StringComparison.Ordinal);

        await using var s = await server.ConnectAsync("key-pem", o => { o.PrivateKeyPath = ppk; o.Passphrase = passphrase; }, Ct);

        Assert.True(s.IsConnected);
        await s.LsAsync(".", Ct);
    }

    [Fact]
    public async Task Connect_EncryptedPpkWithoutPassphrase_AsksForIt()
    {
        var server = TestServer.Require("key-pem");
        var passphraseFile = Path.Combine(_dir.FullName, "passphrase");
        await File.WriteAllTextAsync(passphraseFile, NewPassphrase(), Ct);
        var ppk = Path.Combine(_dir.FullName, "id_rsa_encrypted.ppk");
        await ExternalTool.RunCheckedAsync("puttygen",
            [server.EnvValue("key-pem", "SFTP_PRIVATE_KEY"), "-O", "private", "--new-passphrase", passphraseFile, "-o", ppk], Ct);

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("key-pem", o => o.PrivateKeyPath = ppk, Ct));

        Assert.Contains("SFTP_PASSPHRASE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ServersPpkVersion2_Works()
    {
        var server = TestServer.Require("key-ppk");
        var v3 = server.EnvValue("key-ppk", "SFTP_PRIVATE_KEY");
        var v2 = Path.Combine(Path.GetDirectoryName(v3)!, "id_rsa_v2.ppk");
        Assert.True(File.Exists(v2), $"the test server writes {v2} next to {v3}");
        Assert.StartsWith("PuTTY-User-Key-File-2:", (await File.ReadAllLinesAsync(v2, Ct))[0], StringComparison.Ordinal);

        await using var s = await server.ConnectAsync("key-ppk", o => o.PrivateKeyPath = v2, Ct);

        Assert.True(s.IsConnected);
        Assert.Equal(server.EnvValue("key-ppk", "SFTP_USERNAME"), s.Settings.Username);
    }

    private static string NewPassphrase() => "Kp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>A private copy (mode 600, as ssh-keygen demands) of one of the server's keys.</summary>
    private string CopyKey(string source, string name)
    {
        var copy = Path.Combine(_dir.FullName, name);
        File.Copy(source, copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return copy;
    }
}
