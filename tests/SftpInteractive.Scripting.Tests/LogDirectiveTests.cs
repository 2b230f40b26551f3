using SftpInteractive.Scripting;
using SftpInteractive.Testing;

namespace SftpInteractive.Scripting.Tests;

/// <summary>The connection log is process-wide (SSH.NET's logging is): these tests run alone.</summary>
[CollectionDefinition(nameof(ConnectionLogRunsAlone), DisableParallelization = true)]
public sealed class ConnectionLogRunsAlone;

[Collection(nameof(ConnectionLogRunsAlone))]
public sealed class LogDirectiveTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LogDebug_Connect_ShowsAlgorithmsAndAuthenticationWithoutThePassword()
    {
        var server = TestServer.Require("password");
        var password = server.EnvValue("password", "SFTP_PASSWORD");
        await using var engine = new ScriptEngine(new ScriptGlobals(server.Options("password")));
        try
        {
            var set = new RecordingSink();
            Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("#log debug", set, Token));
            Assert.Contains("connection log: debug", set.Out, StringComparison.Ordinal);

            var connect = new RecordingSink();
            Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("Connect();", connect, Token));

            var log = connect.Err;
            Assert.Contains($"info: sftpi: connecting to {server.EnvValue("password", "SFTP_USERNAME")}@", log, StringComparison.Ordinal);
            Assert.Contains("info: sftpi: authentication methods to try: password, keyboard-interactive", log, StringComparison.Ordinal);
            Assert.Contains("info: sftpi: kex: ", log, StringComparison.Ordinal);
            Assert.Contains("info: sftpi: cipher: aes128-gcm@openssh.com (out) / aes128-gcm@openssh.com (in)", log, StringComparison.Ordinal);
            Assert.Contains("debug: ssh.net Session: ", log, StringComparison.Ordinal); // SSH.NET's own log
            Assert.Contains("Received message SSH_MSG_USERAUTH_FAILURE(51) from server: 'SSH_MSG_USERAUTH_FAILURE ", log, StringComparison.Ordinal);
            Assert.Contains("Received message SSH_MSG_USERAUTH_SUCCESS", log, StringComparison.Ordinal);
            Assert.DoesNotContain("SSH_MSG_CHANNEL_DATA", log, StringComparison.Ordinal); // trace only
            Assert.Contains("info: sftpi: authenticated to ", log, StringComparison.Ordinal);
            Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        }
        finally
        {
            await engine.ExecuteAsync("#log off", new RecordingSink(), Token);
        }

        var quiet = new RecordingSink();
        Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("Connect();", quiet, Token));
        Assert.Empty(quiet.Err);
    }

    [Fact]
    public void Log_SubmissionEndingLate_DoesNotTakeTheLogFromTheOneRunningNow()
    {
        // A submission that ends while another runs (a cancelled one still unwinding) used to put the log back to what
        // was active before it, and the running submission's lines went nowhere: a full suite once lost "kex:" so.
        EngineLog.Install();
        var late = new RecordingSink();
        var now = new RecordingSink();
        var lateScope = EngineLog.Activate(late);
        using (EngineLog.Activate(now))
        {
            lateScope.Dispose();
            SftpLog.Writer!("info: sftpi: kex: test");
        }

        Assert.Contains("kex: test", now.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("kex: test", late.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_UnknownLevel_IsAFailureNamingTheLevels()
    {
        await using var engine = new ScriptEngine();

        var result = await engine.ExecuteAsync("#log loud", new RecordingSink(), Token);

        var failure = Assert.IsType<SubmissionResult.Failure>(result);
        Assert.Contains("off, info, debug or trace", failure.Message, StringComparison.Ordinal);
        Assert.Equal(SftpLogLevel.Off, SftpLog.Level);
    }
}
