using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// tests/server/sftpi-test-server run the way someone without root runs it (the demo's path on a developer machine):
/// as an ordinary user it must start an unprivileged sshd with key authentication and sample data, be idempotent, and
/// stop. The test runs the script as the test server's own unprivileged account (sftpi-key) through runuser.
/// </summary>
public sealed class TestServerScriptTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AsNonRootUser_RunsUnprivilegedKeyServerIdempotentlyAndStops()
    {
        var server = TestServer.Require("key");
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            Assert.Skip("runuser (util-linux) is missing, so the script cannot be run as another user here.");
        }

        var user = server.EnvValue("key", "SFTP_USERNAME");
        var work = Directory.CreateTempSubdirectory("sftpi-unprivileged-").FullName;
        // The script (and its helpers) must be readable by the unprivileged user: run a copy from the temp folder.
        var scripts = Path.Combine(work, "server");
        Directory.CreateDirectory(scripts);
        foreach (var file in Directory.GetFiles(Path.Combine(TestServer.RepoRoot, "tests", "server")))
        {
            File.Copy(file, Path.Combine(scripts, Path.GetFileName(file)));
        }

        var state = Path.Combine(work, "state");
        Run("chmod", ["-R", "a+rX", work]);
        Run("chown", [user, work]);
        var port = FreePort();
        var bastionPort = FreePort();
        (int Code, string Output) Script(string verb) =>
            Run("runuser", ["-u", user, "--", "env", $"SFTPI_TEST_DIR={state}", $"SFTPI_TEST_PORT={port}", $"SFTPI_TEST_BASTION_PORT={bastionPort}", "SFTPI_TEST_LARGE_MB=2",
                "bash", Path.Combine(scripts, "sftpi-test-server"), verb]);
        try
        {
            var (code, output) = Script("start");
            Assert.True(code == 0, output);
            var facts = File.ReadAllLines(Path.Combine(state, "server.env")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]);
            Assert.Equal("unprivileged", facts["SFTPI_TEST_MODE"]);
            Assert.False(File.Exists(Path.Combine(state, "env", "password.env")), "an unprivileged server has no password account");
            var pid = File.ReadAllText(Path.Combine(state, "sshd.pid")).Trim();
            Assert.Equal(user, Run("ps", ["-o", "user=", "-p", pid]).Output.Trim());

            // Connect exactly as a user of the demo does: from the .env the script wrote.
            var options = new SftpOptions { EnvFile = Path.Combine(state, "env", "key.env"), Environment = new Dictionary<string, string>() };
            await using (var session = await Sftp.ConnectAsync(options, Ct))
            {
                var listing = await session.LsAsync(facts["SFTPI_TEST_DATA_ROOT"], Ct);
                Assert.Contains(listing, e => e.Name == "WMR_Spots");
                Assert.Equal(0, (await session.RunAsync("true", Ct)).ExitCode);
            }

            (code, output) = Script("start");
            Assert.True(code == 0, output);
            Assert.Equal(pid, File.ReadAllText(Path.Combine(state, "sshd.pid")).Trim());

            (code, output) = Script("stop");
            Assert.True(code == 0, output);
            Assert.Equal(3, Script("status").Code);
        }
        finally
        {
            Script("stop");
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Start_SecondCheckoutAsRoot_KeepsTheFirstCheckoutsAccountsWorking()
    {
        var server = TestServer.Require("password");
        if (server.Mode != "root")
        {
            Assert.Skip($"the test server runs in {server.Mode} mode; only root mode has machine-wide accounts.");
        }

        // A second checkout (a clone, a worktree, CI's clone beside the working tree): its own state dir and port.
        var work = Directory.CreateTempSubdirectory("sftpi-second-checkout-").FullName;
        var state = Path.Combine(work, "state");
        var port = FreePort();
        var bastionPort = FreePort();
        var script = Path.Combine(TestServer.RepoRoot, "tests", "server", "sftpi-test-server");
        (int Code, string Output) Script(string verb) =>
            Run("env", [$"SFTPI_TEST_DIR={state}", $"SFTPI_TEST_PORT={port}", $"SFTPI_TEST_BASTION_PORT={bastionPort}", "bash", script, verb]);
        try
        {
            var (code, output) = Script("start");
            Assert.True(code == 0, output);

            // The first checkout's .env files (password and password + TOTP) still log in to its own server.
            foreach (var account in new[] { "password", "totp" })
            {
                var options = new SftpOptions { EnvFile = server.EnvFile(account), Environment = new Dictionary<string, string>() };
                await using var session = await Sftp.ConnectAsync(options, Ct);
                Assert.Equal(server.EnvValue(account, "SFTP_USERNAME"), (await session.RunAsync("whoami", Ct)).StdOut.Trim());
            }

            // And the second checkout's own .env names the same, working password.
            var second = new SftpOptions { EnvFile = Path.Combine(state, "env", "password.env"), Environment = new Dictionary<string, string>() };
            await using (var session = await Sftp.ConnectAsync(second, Ct))
            {
                Assert.Equal(port, session.Settings.Port);
            }
        }
        finally
        {
            Script("reset");
            Directory.Delete(work, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Code, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
