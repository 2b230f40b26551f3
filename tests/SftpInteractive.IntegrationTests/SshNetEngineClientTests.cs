using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>The SSH.NET transport's connection: one <c>sftp</c> channel on the server, our engine's, opened by the
/// connect; SSH.NET's own SFTP session only once a user asks for SSH.NET's API, on the same connection.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SshNetEngineClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SshNet_Session_OneSftpChannelUntilSshNetsOwnApiIsAsked()
    {
        var server = TestServer.Require("key");
        // Only what sshd logs from now on: a connection earlier in the run may have had the same client port.
        var logStart = new FileInfo(server.Facts["SFTPI_TEST_SSHD_LOG"]).Length;
        var before = SshConnections.OpenTo(server.Port);
        await using var s = await server.ConnectAsync("key", o => (o.Transport, o.WarmPool) = (SftpTransport.SshNet, 0), Ct);
        var port = Assert.Single(SshConnections.OpenTo(server.Port).Except(before));

        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        var local = Path.Combine(Directory.CreateTempSubdirectory("sftpi-one-channel-").FullName, "f.csv");
        var csv = (await s.LsAsync(server.DataRoot, Ct)).First(e => e.IsFile);
        await s.GetAsync(csv.Path, local, cancellationToken: Ct);
        Assert.True(File.Exists(local));
        Assert.Equal(1, SftpSessionsFrom(server, port, logStart)); // before: SSH.NET's own SFTP session and the engine's

        // SSH.NET's API works, on the same connection: its SFTP session opens now.
        Assert.Contains(s.Client.ListDirectory(server.DataRoot), f => f.Name == csv.Name);
        Assert.Equal(s.Home, s.Client.WorkingDirectory);
        Assert.Equal(2, SftpSessionsFrom(server, port, logStart));
        Assert.Equal([port], SshConnections.OpenTo(server.Port).Except(before));
        Assert.Contains(s.Explain().ToText().Split('\n'), l => l.Contains("SFTP protocol", StringComparison.Ordinal) && l.Contains('3'));
    }

    // sshd logs each session channel it starts: "Starting session: subsystem 'sftp' for <user> from 127.0.0.1 port <p> id <n>".
    private static int SftpSessionsFrom(TestServer server, int clientPort, long logStart)
    {
        var needle = $"Starting session: subsystem 'sftp' for {server.EnvValue("key", "SFTP_USERNAME")} from 127.0.0.1 port {clientPort.ToString(CultureInfo.InvariantCulture)} ";
        using var log = new FileStream(server.Facts["SFTPI_TEST_SSHD_LOG"], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        log.Seek(logStart, SeekOrigin.Begin);
        using var reader = new StreamReader(log);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count += line.Contains(needle, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
