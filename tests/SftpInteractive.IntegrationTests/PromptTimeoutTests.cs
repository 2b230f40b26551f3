using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>A user who answers a keyboard-interactive prompt after the connect timeout: the connect fails with a
/// message that names the unanswered prompt and the timeout setting, the prompt is told to stop waiting, and the late answer does not take the process down (SSH.NET
/// answers on its own thread and must find its authentication method still alive).</summary>
public sealed class PromptTimeoutTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sftpi-prompt-timeout-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Connect_PromptAnsweredAfterTimeout_FailsClearlyCancelsThePromptAndTheProcessSurvives()
    {
        var server = TestServer.Require("totp");
        var env = Path.Combine(_work.FullName, "no-secrets.env");
        File.WriteAllLines(env, File.ReadAllLines(server.EnvFile("totp")).Where(l => !l.StartsWith("SFTP_PASSWORD=", StringComparison.Ordinal) && !l.StartsWith("SFTP_TOTP_SECRET=", StringComparison.Ordinal)));
        var promptCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SftpOptions
        {
            EnvFile = env,
            Environment = new Dictionary<string, string>(),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Prompt = async (_, token) =>
            {
                // A slow user: waits past the timeout, notices whether the prompt was called off, then answers anyway.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(20), token);
                    promptCancelled.TrySetResult(false);
                }
                catch (OperationCanceledException)
                {
                    promptCancelled.TrySetResult(true);
                }

                answered.TrySetResult();
                return "too-late-answer";
            },
        };

        var error = await Assert.ThrowsAsync<SftpAuthenticationException>(() => Sftp.ConnectAsync(options, Ct));
        Assert.True(await promptCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct), "the prompt was not cancelled when the connect attempt ended");
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // SSH.NET sends the late answer on its own thread meanwhile

        // Still here, and connecting still works.
        Assert.Contains("No answer to the server's prompt 'Password:'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SFTP_TIMEOUT", error.Message, StringComparison.Ordinal);
        await using var s = await server.ConnectAsync("totp", cancellationToken: Ct);
        Assert.True(s.IsConnected);
    }
}
