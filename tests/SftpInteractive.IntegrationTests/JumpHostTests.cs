using System.Diagnostics;
using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// ProxyJump through the test server's bastion (a second sshd that only lets sftpi-jump forward TCP). The bastion
/// logs every forward at DEBUG1 ("server_request_direct_tcpip: originator ..., target 127.0.0.1 port P"), which
/// proves a connection went through it and not straight to the target.
/// </summary>
public sealed class JumpHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int BastionPort(TestServer server) => int.Parse(server.Facts["SFTPI_TEST_BASTION_PORT"], CultureInfo.InvariantCulture);

    private static string BastionLog(TestServer server) => server.Facts["SFTPI_TEST_BASTION_LOG"];

    [Fact]
    public async Task Connect_ThroughTheBastion_BastionLogShowsTheForwardToTheTarget()
    {
        var server = TestServer.Require("jump");
        using var window = await BastionLogWindow.OpenAsync(server, Ct);

        await using var s = await server.ConnectAsync("jump", cancellationToken: Ct);

        Assert.Equal([new JumpHost("127.0.0.1", BastionPort(server), server.Facts["SFTPI_TEST_JUMP_USER"])], s.Settings.JumpHosts);
        Assert.Equal(server.HostKeyFingerprint, s.HostKeyFingerprint); // the target's key, checked under its real name
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        Assert.Equal(1, await window.ForwardsAtLeastAsync(server.Port, 1, Ct));
    }

    [Fact]
    public async Task Connect_TwoHopChain_SecondHopIsReachedThroughTheFirst()
    {
        var server = TestServer.Require("jump2");
        using var window = await BastionLogWindow.OpenAsync(server, Ct);

        await using var s = await server.ConnectAsync("jump2", cancellationToken: Ct);

        Assert.Equal(2, s.Settings.JumpHosts.Count);
        await s.LsAsync(".", Ct);
        Assert.Equal(1, await window.ForwardsAtLeastAsync(BastionPort(server), 1, Ct)); // hop 1 -> hop 2
        Assert.Equal(1, await window.ForwardsAtLeastAsync(server.Port, 1, Ct));          // hop 2 -> target
    }

    [Fact]
    public async Task Connect_PuttyKeyForTargetAndBastion_BothLogInWithIt()
    {
        // One .ppk key everywhere: the bastion offers the target's key file too. ssh cannot read a PuTTY key, so the
        // OpenSSH transport hands the jump host's ssh (its ProxyCommand) the converted copy as well, not only the master.
        TestServer.Require("key-ppk"); // root mode: the .ppk key and its account
        var server = TestServer.Require("jump");
        var ppk = server.EnvValue("key-ppk", "SFTP_PRIVATE_KEY");
        using var window = await BastionLogWindow.OpenAsync(server, Ct);

        await using var s = await server.ConnectAsync("jump", o => o.PrivateKeyPath = ppk, Ct);

        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        Assert.Equal(1, await window.ForwardsAtLeastAsync(server.Port, 1, Ct));
        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            // Neither a master nor the ProxyCommand in its options is given the .ppk itself.
            Assert.NotEmpty(SshChildProcesses.Masters());
            Assert.DoesNotContain(SshChildProcesses.Masters(), args => args.Any(a => a.Contains(ppk, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task EveryConnectionOfTheSession_GoesThroughTheChain()
    {
        var server = TestServer.Require("jump");
        using var window = await BastionLogWindow.OpenAsync(server, Ct);
        await using var s = await server.ConnectAsync("jump", cancellationToken: Ct);
        Assert.Equal(1, await window.ForwardsAtLeastAsync(server.Port, 1, Ct));

        var run = await s.RunAsync("echo through", cancellationToken: Ct);
        Assert.Equal("through", run.StdOut.Trim());
        if (s.Settings.Transport == SftpTransport.OpenSsh)
        {
            // Over OpenSSH every connection of the session is a channel of its one master, whose one connection goes
            // through the bastion: exec, the transfer pool and a reconnect add no forward.
            var local1 = Directory.CreateTempSubdirectory("sftpi-jump-get-");
            try
            {
                Assert.NotEmpty(await s.GetDirectoryAsync(server.DataRoot + "/misc", local1.FullName, new TransferOptions { Parallelism = 2 }, cancellationToken: Ct));
            }
            finally
            {
                local1.Delete(recursive: true);
            }

            await s.ReconnectAsync(Ct);
            await s.LsAsync(".", Ct);
            Assert.Equal(1, window.Forwards(server.Port));
            return;
        }

        Assert.Equal(2, await window.ForwardsAtLeastAsync(server.Port, 2, Ct));

        var local = Directory.CreateTempSubdirectory("sftpi-jump-get-");
        try
        {
            var report = await s.GetDirectoryAsync(server.DataRoot + "/misc", local.FullName, new TransferOptions { Parallelism = 2 }, cancellationToken: Ct);
            Assert.NotEmpty(report);
        }
        finally
        {
            local.Delete(recursive: true);
        }

        var afterPool = await window.ForwardsAtLeastAsync(server.Port, 3, Ct);
        Assert.True(afterPool >= 3, $"the transfer pool opened no connection through the bastion ({afterPool} forwards)");

        await s.ReconnectAsync(Ct);
        Assert.Equal(afterPool + 1, await window.ForwardsAtLeastAsync(server.Port, afterPool + 1, Ct));
        await s.LsAsync(".", Ct);
    }

    [Fact]
    public async Task Connect_PoolOpensInTheBackground_ThroughTheBastionToo()
    {
        var server = TestServer.Require("jump");
        // Not counted here, but held: its five forwards would land in the window of a test that counts (fresh57 saw 6 for 1).
        using var window = await BastionLogWindow.OpenAsync(server, Ct);
        await using var s = await server.ConnectAsync("jump", PoolWarmUpTests.Warming(), Ct);

        var pool = s.PoolIfCreated!;
        Assert.True(await Poll.UntilAsync(() => pool.IdleCount == SftpPool.DefaultConnections, TimeSpan.FromSeconds(30), Ct), $"{pool.IdleCount} connections opened");
        var found = await s.FindAllAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North"), new FindOptions { Glob = "*.csv" }, Ct);

        Assert.NotEmpty(found);
        Assert.Equal(SftpPool.DefaultConnections, pool.Opened); // the search used the connections opened through the bastion
    }

    [Fact]
    public async Task Dispose_ClosesTheJumpHostConnection()
    {
        var server = TestServer.Require("jump");
        using var window = await BastionLogWindow.OpenAsync(server, Ct); // held so its forward is in no counting test's window
        var s = await server.ConnectAsync("jump", cancellationToken: Ct);
        if (s.OpenSshMasterProcessId is { } master)
        {
            // Over OpenSSH the bastion connection is the master's ProxyCommand (ssh -W): it ends with the session.
            Assert.NotEmpty(SshChildProcesses.ChildrenOf(master));
            await s.DisposeAsync();
            Assert.True(await Poll.UntilAsync(() => !Directory.Exists($"/proc/{master}") && SshChildProcesses.ChildrenOf(master).Count == 0, TimeSpan.FromSeconds(5), Ct),
                "the ssh master or its ProxyCommand to the bastion outlived the session");
            return;
        }

        Assert.NotEmpty(SshConnections.OpenTo(BastionPort(server)));

        await s.DisposeAsync();

        await Poll.UntilAsync(() => SshConnections.OpenTo(BastionPort(server)).Count == 0, TimeSpan.FromSeconds(5), Ct);

        Assert.Empty(SshConnections.OpenTo(BastionPort(server)));
    }

    [Fact]
    public async Task Connect_JumpHostAsksPasswordAndCode_ItsOwnPromptsAreAnswered()
    {
        // On the bastion, sftpi-totp logs in with keyboard-interactive: "Password: " then "Verification code: ".
        var server = TestServer.Require("totp");
        var password = server.EnvValue("totp", "SFTP_PASSWORD");
        var secret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        var asked = new List<(string User, string Host, string Request)>();
        using var window = await BastionLogWindow.OpenAsync(server, Ct);

        await using var s = await server.ConnectAsync("key", o =>
        {
            o.Jump = $"sftpi-totp@127.0.0.1:{BastionPort(server)}";
            o.Prompt = (prompt, _) =>
            {
                asked.Add((prompt.Username, prompt.Host, prompt.Request));
                return ValueTask.FromResult<string?>(prompt.Request.StartsWith("Password", StringComparison.Ordinal) ? password : Totp.Compute(secret, DateTimeOffset.UtcNow));
            };
        }, Ct);

        Assert.Equal([("sftpi-totp", "127.0.0.1", "Password: "), ("sftpi-totp", "127.0.0.1", "Verification code: ")], asked);
        Assert.Equal("sftpi-key", (await s.RunAsync("whoami", Ct)).StdOut.Trim()); // the exec connection: no new prompt
        Assert.Equal(2, asked.Count);
        // Over SSH.NET exec is a second connection through the bastion; over OpenSSH a channel of the session's master.
        var forwards = s.Settings.Transport == SftpTransport.OpenSsh ? 1 : 2;
        Assert.Equal(forwards, await window.ForwardsAtLeastAsync(server.Port, forwards, Ct));
    }

    [Fact]
    public async Task Connect_JumpHostWantsThePasswordInTheTargetsEnvFile_ItIsNeverSentThere()
    {
        // Same account on the bastion and the target; the target's SFTP_PASSWORD and SFTP_TOTP_SECRET would log the
        // jump host in, but secrets for the target never go to a jump host: without a prompt the hop fails.
        var server = TestServer.Require("totp");

        var e = await Assert.ThrowsAsync<SftpConfigException>(() =>
            server.ConnectAsync("totp", o => o.Jump = $"sftpi-totp@127.0.0.1:{BastionPort(server)}", Ct));

        Assert.Contains($"Jump host 1 of 1 (sftpi-totp@127.0.0.1:{BastionPort(server)}) failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("never sent to a jump host", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BastionRefusesTheUser_ErrorNamesTheJumpHost()
    {
        var server = TestServer.Require("jump");
        var bastion = $"127.0.0.1:{BastionPort(server)}";

        var e = await Assert.ThrowsAsync<SftpAuthenticationException>(() => server.ConnectAsync("jump", o => o.Jump = $"sftpi-key@{bastion}", Ct));

        Assert.Contains($"Jump host 1 of 1 (sftpi-key@{bastion}) failed: Authentication failed for sftpi-key@{bastion}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BastionHostKeyUnknown_RefusedUnderTheBastionsOwnName()
    {
        var server = TestServer.Require("jump");
        var knownHosts = Path.GetTempFileName();
        try
        {
            // The target's keys only: the bastion's [127.0.0.1]:port entry is missing.
            var bastionName = $"[127.0.0.1]:{BastionPort(server)}";
            File.WriteAllLines(knownHosts, File.ReadAllLines(Path.Combine(server.StateDir, "known_hosts")).Where(l => !l.Contains($":{BastionPort(server)} ", StringComparison.Ordinal)));

            var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => server.ConnectAsync("jump", o => o.KnownHostsPath = knownHosts, Ct));

            Assert.Contains("Jump host 1 of 1", e.Message, StringComparison.Ordinal);
            Assert.Contains($"The host key of {bastionName} is not in", e.Message, StringComparison.Ordinal);
            Assert.Contains(server.Facts["SFTPI_TEST_BASTION_HOST_KEY_SHA256"], e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(knownHosts);
        }
    }

    [Fact]
    public async Task Connect_BastionMayNotForwardToTheTarget_SaysTheJumpHostCouldNotReachIt()
    {
        var server = TestServer.Require("jump");

        // The bastion's PermitOpen allows only the test server and itself; port 1 is neither.
        var e = await Assert.ThrowsAsync<SftpConnectionException>(() => server.ConnectAsync("jump", o => o.Port = 1, Ct));

        Assert.Contains($"could not reach 127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("jump host", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
