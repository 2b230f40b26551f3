using System.Collections.Concurrent;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary><c>SFTP_LOG</c>: the connection log through the core alone (no host), redacted.</summary>
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
            Assert.Contains("info: ssh.net Session: Server version", log, StringComparison.Ordinal);
            Assert.DoesNotContain("debug: ", log, StringComparison.Ordinal);
            Assert.DoesNotContain(server.EnvValue("keypass", "SFTP_PASSWORD"), log, StringComparison.Ordinal);
        }
        finally
        {
            SftpLog.ApplySetting(SftpLogLevel.Off);
            SftpLog.Writer = previous;
        }
    }
}
