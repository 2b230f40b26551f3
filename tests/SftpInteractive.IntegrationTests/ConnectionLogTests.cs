using System.Collections.Concurrent;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary><c>SFTP_LOG</c>: the connection log through the core alone (no host), redacted.</summary>
[Collection(nameof(ProcessLog))]
public sealed class ConnectionLogTests
{
    [Fact]
    public async Task SftpLogInfo_Connect_WritesTheStepsWithoutSecrets()
    {
        var server = TestServer.Require("keypass");
        var lines = new ConcurrentQueue<string>();
        var previous = SftpLog.Writer;
        SftpLog.Writer = lines.Enqueue;
        try
        {
            await using var s = await server.ConnectAsync("keypass", o => o.Environment = new Dictionary<string, string> { ["SFTP_LOG"] = "info" },
                TestContext.Current.CancellationToken);

            var log = string.Join("\n", lines);
            Assert.Equal(SftpLogLevel.Info, SftpLog.Level);
            Assert.Contains("info: sftpi: authentication methods to try: publickey, password", log, StringComparison.Ordinal);
            Assert.Contains("info: sftpi: kex: ", log, StringComparison.Ordinal);
            // SSH.NET's own log, or what the OpenSSH master's ssh said it negotiated (it logs in; SSH.NET is not used).
            Assert.Contains(s.Settings.Transport == SftpTransport.OpenSsh ? "info: sftpi: server OpenSSH_" : "info: ssh.net Session: Server version", log, StringComparison.Ordinal);
            Assert.Contains("info: sftpi: authenticated to sftpi-keypass@", log, StringComparison.Ordinal);
            Assert.DoesNotContain("debug: ", log, StringComparison.Ordinal);
            Assert.DoesNotContain(server.EnvValue("keypass", "SFTP_PASSWORD"), log, StringComparison.Ordinal);
        }
        finally
        {
            SftpLog.ApplySetting(SftpLogLevel.Off);
            SftpLog.Writer = previous;
        }
    }
    [Fact]
    public async Task SftpLogDebug_AgentAndKeyFile_LogsTheAgentKeysAndAnAgentThatCouldNotSign()
    {
        var server = TestServer.Require("agent");
        var ct = TestContext.Current.CancellationToken;
        using var agent = await TestAgent.StartAsync(ct);
        await agent.AddAsync(ct, server.EnvValue("key", "SFTP_PRIVATE_KEY"));
        using var refusing = await TestAgent.StartAsync(ct, refuseToSign: true);
        await refusing.AddAsync(ct, "-c", Path.Combine(server.StateDir, "keys", "id_ecdsa")); // sftpi-key accepts it
        var lines = new ConcurrentQueue<string>();
        var previous = SftpLog.Writer;
        SftpLog.Writer = lines.Enqueue;
        try
        {
            await using (await server.ConnectAsync("agent", o => o.Environment = new Dictionary<string, string> { ["SFTP_LOG"] = "debug", ["SSH_AUTH_SOCK"] = agent.Socket }, ct))
            {
            }

            // An agent that refuses to sign: the note reaches the log as it happens, and the key file still logs in.
            await using (await server.ConnectAsync("key", o => o.Environment = new Dictionary<string, string> { ["SFTP_LOG"] = "info", ["SSH_AUTH_SOCK"] = refusing.Socket }, ct))
            {
            }

            var log = string.Join("\n", lines);
            Assert.Matches("debug: sftpi: ssh-agent key ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}", log);
            Assert.Contains("info: sftpi: auth: ", log, StringComparison.Ordinal);
            Assert.Contains("authenticated to sftpi-key@", log, StringComparison.Ordinal);
        }
        finally
        {
            SftpLog.ApplySetting(SftpLogLevel.Off);
            SftpLog.Writer = previous;
        }
    }
}
