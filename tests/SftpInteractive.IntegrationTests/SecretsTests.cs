using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>A whole core session with every kind of secret loaded: no text the library produces (ToString, displays,
/// explanations, exception messages and traces) contains a password, passphrase or TOTP secret.</summary>
public sealed class SecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WholeSession_NoTextContainsAnySecret()
    {
        var server = TestServer.Require("totp");
        var secrets = new[]
        {
            server.EnvValue("totp", "SFTP_PASSWORD"), server.EnvValue("totp", "SFTP_TOTP_SECRET"),
            server.EnvValue("keypass", "SFTP_PASSWORD"), server.EnvValue("key-passphrase", "SFTP_PASSPHRASE"),
            server.EnvValue("password", "SFTP_PASSWORD"),
        };
        var texts = new List<string>();

        await using (var totp = await server.ConnectAsync("totp", cancellationToken: Ct))
        {
            Collect(texts, totp);
            texts.Add((await totp.RunAsync($"echo leaked {secrets[0]} and {secrets[1]}", Ct)).ToText());
            texts.Add((await totp.RunAsync($"echo leaked {secrets[0]}", Ct)).ToHtml());
        }

        await using (var keypass = await server.ConnectAsync("keypass", cancellationToken: Ct))
        {
            Collect(texts, keypass);
        }

        await using (var passphrase = await server.ConnectAsync("key-passphrase", cancellationToken: Ct))
        {
            Collect(texts, passphrase);
        }

        texts.Add(server.Options("totp").ToString());
        texts.Add(Sftp.LoadSettings(server.Options("totp")).ToString());
        texts.Add(await FailureTextAsync(() => server.ConnectAsync("totp", o => o.Password = secrets[2], Ct)));
        texts.Add(await FailureTextAsync(() => server.ConnectAsync("key-passphrase", o => o.Passphrase = secrets[0] + "x", Ct)));
        texts.Add(await FailureTextAsync(() => server.ConnectAsync("keypass", o => o.Port = AuthenticationTests.FreePort(), Ct)));

        foreach (var secret in secrets)
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }

        Assert.Contains(texts, t => t.Contains("leaked " + Redactor.Mask, StringComparison.Ordinal));
    }

    private static void Collect(List<string> texts, SftpSession s)
    {
        var explanation = s.Explain();
        texts.AddRange([s.ToString(), s.ToHtml(), s.Settings.ToString(), explanation.ToText(), explanation.ToHtml(),
            string.Join("\n", s.Settings.Describe())]);
    }

    private static async Task<string> FailureTextAsync(Func<Task> action)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(action);
        return e.ToString() + "\n" + e.Message + "\n" + e.InnerException?.ToString();
    }
}
