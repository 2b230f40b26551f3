using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>
/// A whole interactive session in a real terminal (tmux): connect from .env, type a password and a TOTP code at the
/// masked prompts, look at the connection, fail a login, throw. No screen along the way and not the history file
/// holds a password, passphrase, TOTP secret (or their base64/hex) or the TOTP code typed. The piped-script, kernel
/// and notebook sides of the same check are in the kernel tests (WholeSessionSecretsTests).
/// </summary>
public sealed class TerminalSecretsTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sftpi-terminal-secrets-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Terminal_SessionWithTypedPasswordAndCode_NoScreenOrHistoryHoldsASecret()
    {
        var server = TestServer.Require("totp");
        var evidence = SecretEvidence.Prepare(server, _work.FullName);
        var history = Path.Combine(_work.FullName, "history");
        using var tmux = TmuxSession.Start($"sh -c 'cd {_work.FullName} && exec {Tool.Executable} --env-file .env'",
            new Dictionary<string, string> { ["SFTPI_HISTORY"] = history });
        tmux.WaitForText("connected to");
        evidence.Collect("screen after start", tmux.WaitForPrompt());

        Submit(tmux, evidence, "Explain()");
        Submit(tmux, evidence, "string.Join(\"\\n\", Session.Settings.Describe())");

        // The .env has neither password nor TOTP secret: the server's prompts come to the terminal, masked.
        tmux.Type("Connect(new SftpOptions { EnvFile = \"totp-prompt.env\" });");
        tmux.Press("Enter");
        tmux.WaitForText("Password:");
        tmux.Type(server.EnvValue("totp", "SFTP_PASSWORD"));
        tmux.Press("Enter");
        tmux.WaitForText("Verification code:");
        evidence.Collect("screen at the code prompt", tmux.Screen());
        tmux.Type(Totp.Compute(server.EnvValue("totp", "SFTP_TOTP_SECRET"), DateTimeOffset.UtcNow));
        tmux.Press("Enter");
        evidence.Collect("screen after the prompts", tmux.WaitForPrompt());

        // Pwd() uses the connection just made; Run(...) would open another one and prompt again.
        Submit(tmux, evidence, "Pwd()");
        Submit(tmux, evidence, "Explain()");
        Submit(tmux, evidence, "Connect(new SftpOptions { EnvFile = \"wrong-password.env\" });");
        Submit(tmux, evidence, "#trace"); // the full exception text of the failed login
        Submit(tmux, evidence, "Connect(new SftpOptions { EnvFile = \"wrong-passphrase.env\" });");
        Submit(tmux, evidence, "throw new InvalidOperationException(\"deliberate failure\");");
        Submit(tmux, evidence, "#trace");
        tmux.Press("C-d");
        tmux.WaitFor(_ => !tmux.IsAlive(), "sftpi to leave");
        evidence.Collect("history", File.Exists(history) ? File.ReadAllText(history) : "");

        var screens = evidence.Text("screen");
        Assert.Contains("/home/sftpi-totp", screens, StringComparison.Ordinal); // the typed login worked
        Assert.Contains("Authentication failed", screens, StringComparison.Ordinal);
        Assert.Contains("deliberate failure", screens, StringComparison.Ordinal);
        Assert.Contains("SftpAuthenticationException", evidence.Text("screen after #trace"), StringComparison.Ordinal);
        Assert.Contains("totp-prompt.env", evidence.Text("history"), StringComparison.Ordinal); // history was written
        var leaks = evidence.Leaks();
        Assert.True(leaks.Count == 0, "secrets leaked (by name; values are not shown):\n" + string.Join("\n", leaks));
    }

    // Types one submission, waits for the prompt after it and keeps the screen as it was then.
    private static void Submit(TmuxSession tmux, SecretEvidence evidence, string code)
    {
        tmux.Type(code);
        tmux.Press("Enter");
        evidence.Collect("screen after " + code, tmux.WaitForPrompt(TimeSpan.FromSeconds(60)));
    }
}
