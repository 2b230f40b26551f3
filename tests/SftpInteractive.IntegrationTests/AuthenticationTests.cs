using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Every authentication mode and every credential error against the real OpenSSH server.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("key")]
    [InlineData("key-passphrase")]
    [InlineData("key-pem")]
    [InlineData("key-ppk")]
    [InlineData("keypass")]
    [InlineData("totp")]
    public async Task Connect_EachAccountFromItsEnvFile_ListsHome(string account)
    {
        var server = TestServer.Require(account);

        await using var s = await server.ConnectAsync(account, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(s.IsConnected);
        Assert.Equal(server.EnvValue(account, "SFTP_USERNAME"), s.Settings.Username);
        Assert.StartsWith("/", s.Home, StringComparison.Ordinal);
        await s.LsAsync(".", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Connect_TotpAccountWithPromptHandler_SeesTheTutorialPrompts()
    {
        var server = TestServer.Require("totp");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        var asked = new List<string>();

        await using var s = await server.ConnectAsync("totp", o =>
        {
            o.Environment = new Dictionary<string, string> { ["SFTP_TOTP_SECRET"] = "" }; // not from the environment
            o.EnvFile = WithoutKeys(server.EnvFile("totp"), "SFTP_TOTP_SECRET", "SFTP_PASSWORD");
            o.Prompt = (prompt, _) =>
            {
                asked.Add(prompt.Request);
                return ValueTask.FromResult<string?>(prompt.Request.StartsWith("Password", StringComparison.Ordinal)
                    ? server.EnvValue("totp", "SFTP_PASSWORD")
                    : Totp.Compute(secret, DateTimeOffset.UtcNow));
            };
        }, TestContext.Current.CancellationToken);

        Assert.Equal(["Password: ", "Verification code: "], asked);
    }

    [Fact]
    public async Task Run_AfterPasswordTypedAtThePrompt_NewConnectionDoesNotAskAgain()
    {
        // The exec connection behind Run (like the transfer pool's) is a new SSH login: the password the user typed
        // for the session is answered again from memory; the verification code comes from the secret.
        var server = TestServer.Require("totp");
        var asked = new List<string>();

        await using var s = await server.ConnectAsync("totp", o =>
        {
            o.EnvFile = WithoutKeys(server.EnvFile("totp"), "SFTP_PASSWORD");
            o.Prompt = (prompt, _) =>
            {
                asked.Add(prompt.Request);
                return ValueTask.FromResult<string?>(server.EnvValue("totp", "SFTP_PASSWORD"));
            };
        }, TestContext.Current.CancellationToken);
        var result = await s.RunAsync("echo again", TestContext.Current.CancellationToken);

        Assert.Equal("again", result.StdOut.Trim());
        Assert.Equal(["Password: "], asked);
    }

    [Fact]
    public async Task Connect_TotpWithoutSecretOrPrompt_SaysWhichKeyToSet()
    {
        var server = TestServer.Require("totp");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("totp", o => o.EnvFile = WithoutKeys(o.EnvFile!, "SFTP_TOTP_SECRET"),
            TestContext.Current.CancellationToken));

        Assert.Contains("Verification code", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_TOTP_SECRET", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_FailsClearlyWithoutEchoingIt()
    {
        var server = TestServer.Require("password");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("password", o => o.Password = "wrong-Pa55-xyzzy",
            TestContext.Current.CancellationToken));

        Assert.Contains("Authentication failed for sftpi-pass@127.0.0.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Pa55-xyzzy", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassphrase_SaysThePassphraseIsWrong()
    {
        var server = TestServer.Require("key-passphrase");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("key-passphrase", o => o.Passphrase = "not-the-passphrase",
            TestContext.Current.CancellationToken));

        Assert.Contains("passphrase is wrong", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_PASSPHRASE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_EncryptedKeyWithoutPassphrase_AsksForIt()
    {
        var server = TestServer.Require("key-passphrase");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("key-passphrase",
            o => o.EnvFile = WithoutKeys(o.EnvFile!, "SFTP_PASSPHRASE"), TestContext.Current.CancellationToken));

        Assert.Contains("encrypted", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_PASSPHRASE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_CorruptKeyFile_SaysItIsNotAValidKey()
    {
        var server = TestServer.Require("key");
        var corrupt = Path.Combine(Directory.CreateTempSubdirectory("sftpi-corrupt-").FullName, "id_bad");
        await File.WriteAllTextAsync(corrupt, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot base64 at all!!\n-----END OPENSSH PRIVATE KEY-----\n", TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("key", o => o.PrivateKeyPath = corrupt,
            TestContext.Current.CancellationToken));

        Assert.Contains("not a valid", e.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_KeyPlusPasswordAccountWithoutPassword_IsRefused()
    {
        var server = TestServer.Require("keypass");

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("keypass",
            o => o.EnvFile = WithoutKeys(o.EnvFile!, "SFTP_PASSWORD"), TestContext.Current.CancellationToken));

        Assert.Contains("publickey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ConnectionRefused_SaysSo()
    {
        var server = TestServer.Require();
        var port = FreePort();

        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => server.ConnectAsync("key", o => o.Port = port, TestContext.Current.CancellationToken));

        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_UnresolvableHost_SaysWhichSettingToCheck()
    {
        var server = TestServer.Require();

        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => server.ConnectAsync("key", o => o.Host = "no-such-host.invalid",
            TestContext.Current.CancellationToken));

        Assert.Contains("no-such-host.invalid", e.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_HOST", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_MissingEnvKey_NamesTheKey()
    {
        var server = TestServer.Require();

        var e = await Assert.ThrowsAsync<SftpConfigException>(() => server.ConnectAsync("key", o => o.EnvFile = WithoutKeys(o.EnvFile!, "SFTP_USERNAME"),
            TestContext.Current.CancellationToken));

        Assert.Contains("SFTP_USERNAME", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A copy of an env file without some keys, in a temp folder.</summary>
    internal static string WithoutKeys(string envFile, params string[] keys)
    {
        var lines = File.ReadAllLines(envFile).Where(l => !keys.Any(k => l.StartsWith(k + "=", StringComparison.Ordinal)));
        var path = Path.Combine(Directory.CreateTempSubdirectory("sftpi-env-").FullName, ".env");
        File.WriteAllLines(path, lines);
        return path;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
