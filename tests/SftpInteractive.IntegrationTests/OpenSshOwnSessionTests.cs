using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>The OpenSSH transport's first SFTP connection is the master's own <c>sftp</c> session (one process between
/// the server and us, as with OpenSSH's <c>sftp</c>); the pool's connections are <c>ssh -S</c> channels of it.</summary>
public sealed class OpenSshOwnSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSsh_EveryChannelClientKilled_TheSessionsOwnConnectionGoesOnThroughTheMaster()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", o => o.Transport = SftpTransport.OpenSsh, Ct);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        var master = s.OpenSshMasterProcessId!.Value;
        var controlPath = SshChildProcesses.ControlPathOf(master);
        Assert.NotEqual("", controlPath);

        // Whatever channels the session opened besides (the pool's, ahead of time) end; its own connection is not one.
        foreach (var channel in SshChildProcesses.SftpChannels(controlPath))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(channel);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // It ended meanwhile.
            }
        }

        Assert.True(await Poll.UntilAsync(() => SshChildProcesses.SftpChannels(controlPath).Count == 0, TimeSpan.FromSeconds(10), Ct), "channel clients outlived SIGKILL");
        Assert.Contains(await s.LsAsync(server.DataRoot, Ct), e => e.Name == "WMR_Spots");
        Assert.True(s.IsConnected);
        Assert.Equal(master, s.OpenSshMasterProcessId);
    }

    [Fact]
    public async Task OpenSsh_LargeGetAndPutOverTheMastersOwnSession_BytesMatch()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", o => o.Transport = SftpTransport.OpenSsh, Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var local = Directory.CreateTempSubdirectory("sftpi-own-");
        try
        {
            // One connection (no pool): every byte crosses the master's own standard input and output.
            var one = new TransferOptions { Parallelism = 1 };
            var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(24 * 1024 * 1024 + 5);
            var source = Path.Combine(local.FullName, "up.bin");
            await File.WriteAllBytesAsync(source, content, Ct);
            await s.PutAsync(source, scratch["up.bin"], one, cancellationToken: Ct);
            await s.GetAsync(scratch["up.bin"], Path.Combine(local.FullName, "down.bin"), one, cancellationToken: Ct);
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(local.FullName, "down.bin"), Ct));
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }
}
