using SftpInteractive.Testing;

namespace SftpInteractive.Repl.Tests;

/// <summary>How the built sftpi connects at start-up (piped stdin, so the start-up notice goes to stderr): from a .env
/// in the working directory, from --host/--user/--port/-i, user@host with --password-env, an ~/.ssh/config alias, or
/// not at all (then Connect(...) works).</summary>
public sealed class StartupConnectionTests
{
    /// <summary>A fresh working directory with a private copy of the server's known_hosts (strict policy reads it).</summary>
    private sealed class Workspace : IDisposable
    {
        public Workspace(TestServer server)
        {
            Root = Directory.CreateTempSubdirectory("sftpi-startup-").FullName;
            KnownHosts = Path.Combine(Root, "known_hosts");
            File.Copy(Path.Combine(server.StateDir, "known_hosts"), KnownHosts);
        }

        public string Root { get; }

        public string KnownHosts { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static string Key(TestServer server) => server.EnvValue("key", "SFTP_PRIVATE_KEY");

    // Tests that count the bastion's forwards count only the session's own connections: the pool's, opening in the
    // background from connect, would add a number that depends on how far they got before the script ended.
    private const string NoWarmPool = "SFTP_WARM_POOL";

    [Fact]
    public async Task Startup_DotEnvInWorkingDirectory_ConnectsBeforeTheScript()
    {
        var server = TestServer.Require("password");
        using var work = new Workspace(server);
        File.Copy(server.EnvFile("password"), Path.Combine(work.Root, ".env"));

        var (code, output, errors) = await Tool.RunPipedIn(work.Root, null, Tool.Executable, "IsConnected\nSession.Settings.Username\n");

        Assert.True(code == 0, errors);
        Assert.Contains($"connected to sftpi-pass@127.0.0.1:{server.Port}", errors, StringComparison.Ordinal);
        Assert.Equal(["true", "sftpi-pass"], Lines(output));
        Assert.DoesNotContain(server.EnvValue("password", "SFTP_PASSWORD"), output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_HostUserPortAndKeyOptions_Connect()
    {
        var server = TestServer.Require("key");
        using var work = new Workspace(server);

        var (code, output, errors) = await Tool.RunPipedIn(work.Root, new Dictionary<string, string?> { ["SFTP_KNOWN_HOSTS"] = work.KnownHosts },
            Tool.Executable, "Session.Settings.Username\n",
            "--host", "127.0.0.1", "--user", "sftpi-key", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Key(server));

        Assert.True(code == 0, errors);
        Assert.Contains($"connected to sftpi-key@127.0.0.1:{server.Port}", errors, StringComparison.Ordinal);
        Assert.Equal(["sftpi-key"], Lines(output));
    }

    [Fact]
    public async Task Startup_UserAtHostTargetWithPasswordEnv_ConnectsWithoutShowingThePassword()
    {
        var server = TestServer.Require("password");
        using var work = new Workspace(server);
        var password = server.EnvValue("password", "SFTP_PASSWORD");

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, ["SFTPI_TEST_PW"] = password },
            Tool.Executable, "Pwd()\n",
            "sftpi-pass@127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--password-env", "SFTPI_TEST_PW");

        Assert.True(code == 0, errors);
        Assert.Contains($"connected to sftpi-pass@127.0.0.1:{server.Port}", errors, StringComparison.Ordinal);
        Assert.Contains("/", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_SshConfigAlias_ConnectsThroughItsHostNameUserPortAndIdentityFile()
    {
        var server = TestServer.Require("key");
        using var work = new Workspace(server);
        var home = HomeWithSshConfig(work, "sftpi-alias-test", server.Port, "sftpi-key", Key(server));

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["HOME"] = home, ["SFTP_KNOWN_HOSTS"] = work.KnownHosts },
            Tool.Executable, "Session.Settings.Username\n", "sftpi-alias-test");

        Assert.True(code == 0, errors);
        Assert.Contains($"connected to sftpi-key@127.0.0.1:{server.Port}", errors, StringComparison.Ordinal);
        Assert.Equal(["sftpi-key"], Lines(output));
    }

    [Fact]
    public async Task Startup_SshConfigOptionWithIncludeMatchAndSftpLog_ConnectsLogsAndNamesTheLine()
    {
        var server = TestServer.Require("key");
        using var work = new Workspace(server);
        var home = Directory.CreateDirectory(Path.Combine(work.Root, "home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".ssh", "hosts.d"));
        File.WriteAllLines(Path.Combine(home, ".ssh", "hosts.d", "test.conf"),
        [
            "Host sftpi-include-test",
            "    HostName 127.0.0.1",
            $"    Port {server.Port}",
        ]);
        var config = Path.Combine(work.Root, "ssh_config");
        File.WriteAllLines(config,
        [
            "Include hosts.d/*.conf", // relative: under ~/.ssh
            "Match originalhost sftpi-include-test !user someone-else",
            "    User sftpi-key",
            $"    IdentityFile {Key(server)}",
            "Host *",
            "    Port 1",
        ]);

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["HOME"] = home, ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, ["SFTP_LOG"] = "info" },
            Tool.Executable, "Session.Settings.Sources[\"SFTP_PORT\"]\n", "--ssh-config", config, "sftpi-include-test");

        Assert.True(code == 0, errors);
        Assert.Contains($"connected to sftpi-key@127.0.0.1:{server.Port}", errors, StringComparison.Ordinal);
        Assert.Contains("info: sftpi: kex: ", errors, StringComparison.Ordinal);
        Assert.Contains("info: sftpi: ssh_config read: ./ssh_config", errors, StringComparison.Ordinal);
        Assert.Equal(["ssh_config (./home/.ssh/hosts.d/test.conf:3)"], Lines(output)); // home lies inside the working directory
    }

    [Fact]
    public async Task Startup_JumpOption_EveryConnectionGoesThroughTheBastion()
    {
        var server = TestServer.Require("jump");
        using var work = new Workspace(server);
        var bastion = $"{server.Facts["SFTPI_TEST_JUMP_USER"]}@127.0.0.1:{server.Facts["SFTPI_TEST_BASTION_PORT"]}";
        using var window = await BastionLogWindow.OpenAsync(server, TestContext.Current.CancellationToken);

        var (code, output, errors) = await Tool.RunPipedIn(work.Root, new Dictionary<string, string?> { ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, [NoWarmPool] = "0" },
            Tool.Executable, "Session.Settings.JumpHosts.Count\nRun(\"echo via-bastion\").StdOut.Trim()\n",
            "sftpi-key@127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Key(server), "--jump", bastion);

        Assert.True(code == 0, errors);
        Assert.Equal(["1", "via-bastion"], Lines(output));
        Assert.Equal(2, window.Forwards(server.Port)); // the SFTP connection and the exec connection
    }

    [Fact]
    public async Task Startup_JumpHostAlias_ResolvesItsOwnSshConfigEntry()
    {
        var server = TestServer.Require("jump");
        using var work = new Workspace(server);
        var home = HomeWithSshConfig(work, "sftpi-bastion-alias", int.Parse(server.Facts["SFTPI_TEST_BASTION_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            server.Facts["SFTPI_TEST_JUMP_USER"], Key(server));
        using var window = await BastionLogWindow.OpenAsync(server, TestContext.Current.CancellationToken);

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["HOME"] = home, ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, [NoWarmPool] = "0" },
            Tool.Executable, "Session.Settings.Username\n",
            "sftpi-key@127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Key(server), "-J", "sftpi-bastion-alias");

        Assert.True(code == 0, errors);
        Assert.Equal(["sftpi-key"], Lines(output));
        Assert.Equal(1, window.Forwards(server.Port));
    }

    [Fact]
    public async Task Startup_AliasFromIncludedConfigWithMatchedProxyJumpChain_LogsInThroughTheAgentViaTheBastionTwice()
    {
        // The everyday company set-up, all real: ~/.ssh/config Includes the host's entry, a Match block adds a two-hop
        // ProxyJump chain through the bastion, and the only key is in a running ssh-agent (no key file anywhere).
        var server = TestServer.Require("jump");
        using var work = new Workspace(server);
        using var agent = await TestAgent.StartAsync(TestContext.Current.CancellationToken);
        await agent.AddAsync(TestContext.Current.CancellationToken, Key(server));
        var bastionPort = server.Facts["SFTPI_TEST_BASTION_PORT"];
        var home = Directory.CreateDirectory(Path.Combine(work.Root, "home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".ssh", "hosts.d"));
        File.WriteAllLines(Path.Combine(home, ".ssh", "hosts.d", "inside.conf"),
            ["Host sftpi-inside", "    HostName 127.0.0.1", $"    Port {server.Port}", "    User sftpi-key"]);
        File.WriteAllLines(Path.Combine(home, ".ssh", "config"),
        [
            "Include hosts.d/*.conf",
            "Match originalhost sftpi-inside !user nobody-else",
            "    ProxyJump hop,hop",
            "Host hop",
            "    HostName 127.0.0.1",
            $"    Port {bastionPort}",
            $"    User {server.Facts["SFTPI_TEST_JUMP_USER"]}",
        ]);
        using var window = await BastionLogWindow.OpenAsync(server, TestContext.Current.CancellationToken);

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["HOME"] = home, ["SSH_AUTH_SOCK"] = agent.Socket, ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, [NoWarmPool] = "0" },
            Tool.Executable, "Session.Settings.JumpHosts.Count\nSession.Settings.PrivateKeyPaths.Count\nRun(\"whoami\").StdOut.Trim()\nSession.Settings.Sources[\"SFTP_JUMP\"]\n",
            "sftpi-inside");

        Assert.True(code == 0, errors);
        Assert.Equal(["2", "0", "sftpi-key", "ssh_config (./home/.ssh/config:3)"], Lines(output));
        Assert.Equal(2, window.Forwards(server.Port)); // the last hop forwarded the SFTP and the exec connection
        Assert.Equal(1, window.Forwards(int.Parse(bastionPort, System.Globalization.CultureInfo.InvariantCulture))); // one shared connection per hop
    }

    [Fact]
    public async Task Startup_NoKeyConfigured_UsesOpenSshDefaultIdentityAndSkipsAnEncryptedOne()
    {
        // As ssh does: with no key in .env, options or ssh_config, ~/.ssh/id_* are offered; an encrypted one without its
        // passphrase is skipped (and said so in the log), not fatal.
        var server = TestServer.Require("key");
        using var work = new Workspace(server);
        var ssh = Directory.CreateDirectory(Path.Combine(work.Root, "home", ".ssh")).FullName;
        var keys = Path.Combine(server.StateDir, "keys");
        File.Copy(Path.Combine(keys, "id_rsa_passphrase"), Path.Combine(ssh, "id_rsa"));
        File.Copy(Path.Combine(keys, "id_rsa_passphrase.pub"), Path.Combine(ssh, "id_rsa.pub"));
        File.Copy(Key(server), Path.Combine(ssh, "id_ed25519"));

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["HOME"] = Path.GetDirectoryName(ssh), ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, ["SFTP_LOG"] = "info", ["SSH_AUTH_SOCK"] = null },
            Tool.Executable, "Session.Settings.PrivateKeyPaths.Count\nSession.Settings.Sources[\"SFTP_PRIVATE_KEY\"]\n",
            "sftpi-key@127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(code == 0, errors);
        Assert.Equal(["2", "OpenSSH's default identity files"], Lines(output));
        Assert.Contains("auth: skipped the default key ./home/.ssh/id_rsa", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_NothingConfigured_StartsUnconnectedAndConnectWorksLater()
    {
        var server = TestServer.Require("password");
        using var work = new Workspace(server);
        var script = $"IsConnected\nConnect(\"127.0.0.1\", \"sftpi-pass\", Environment.GetEnvironmentVariable(\"SFTPI_TEST_PW\"), {server.Port});\nIsConnected\n";

        var (code, output, errors) = await Tool.RunPipedIn(work.Root,
            new Dictionary<string, string?> { ["SFTP_KNOWN_HOSTS"] = work.KnownHosts, ["SFTPI_TEST_PW"] = server.EnvValue("password", "SFTP_PASSWORD") },
            Tool.Executable, script);

        Assert.True(code == 0, errors);
        Assert.DoesNotContain("connected to", errors, StringComparison.Ordinal);
        Assert.Equal(["false", "true"], Lines(output));
    }

    [Fact]
    public async Task Startup_ExplicitTargetThatFails_ReportsItAndTheScriptStillRuns()
    {
        var server = TestServer.Require("key");
        using var work = new Workspace(server);

        // Port 1 on loopback refuses at once.
        var (code, output, errors) = await Tool.RunPipedIn(work.Root, new Dictionary<string, string?> { ["SFTP_KNOWN_HOSTS"] = work.KnownHosts },
            Tool.Executable, "6*7\n", "--host", "127.0.0.1", "--port", "1", "--user", "nobody", "-i", Key(server));

        Assert.True(code == 0, errors);
        Assert.Contains("not connected:", errors, StringComparison.Ordinal);
        Assert.Equal(["42"], Lines(output));
    }

    /// <summary>A HOME for the tool whose ~/.ssh/config has one Host alias for 127.0.0.1.</summary>
    private static string HomeWithSshConfig(Workspace work, string alias, int port, string user, string identityFile)
    {
        var home = Directory.CreateDirectory(Path.Combine(work.Root, "home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        File.WriteAllLines(Path.Combine(home, ".ssh", "config"),
            [$"Host {alias}", "    HostName 127.0.0.1", $"    Port {port}", $"    User {user}", $"    IdentityFile {identityFile}"]);
        return home;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
