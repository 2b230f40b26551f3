using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>What an OpenSSH login runs besides ssh: the askpass helper starts as few programs as it can, and ssh is told
/// which host key algorithms to ask for first instead of asking the helper (ORDER) before each login.</summary>
public sealed class OpenSshLoginCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSsh_OnlyTheServersEcdsaKeyIsKnown_SshAsksForItFirstWithoutAskingTheHelper()
    {
        // The server has ed25519, ECDSA and RSA keys and prefers ed25519: a login that did not ask for ECDSA first
        // would be shown the ed25519 key, which the strict policy refuses.
        var server = TestServer.Require("key");
        var ecdsa = File.ReadAllText(Path.Combine(server.StateDir, "hostkeys", "ssh_host_ecdsa_key.pub")).Split(' ');
        var directory = Directory.CreateTempSubdirectory("sftpi-kh-");
        var knownHosts = Path.Combine(directory.FullName, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{server.Port} {ecdsa[0]} {ecdsa[1]}\n", Ct);
        try
        {
            await using var s = await server.ConnectAsync("key", o => (o.Transport, o.KnownHostsPath) = (SftpTransport.OpenSsh, knownHosts), Ct);

            Assert.Equal(server.Facts["SFTPI_TEST_HOST_KEY_SHA256_ECDSA"], s.HostKeyFingerprint);
            Assert.Contains(SshChildProcesses.Masters(), c => c.Contains("HostKeyAlgorithms=^ecdsa-sha2-nistp256"));
            Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("ssh-ed25519", null, "^ssh-ed25519")]
    [InlineData("ssh-rsa ssh-ed25519", null, "^ssh-ed25519,rsa-sha2-512,rsa-sha2-256")] // ssh's order; never SHA-1 ssh-rsa
    [InlineData("ecdsa-sha2-nistp384", null, "^ecdsa-sha2-nistp384")]
    [InlineData("ssh-ed25519", "ecdsa-sha2-nistp256", "^ecdsa-sha2-nistp256")] // the session's key, once it has one
    [InlineData("ssh-ed25519 ssh-dss", null, null)] // a kind ssh does not offer by default: ssh asks the helper
    [InlineData("sk-ssh-ed25519@openssh.com", null, null)]
    [InlineData("", null, null)]
    public void KnownKeysFirst_TheKnownKeysAlgorithmsInSshsOrder(string knownTypes, string? trusted, string? expected)
    {
        var directory = Directory.CreateTempSubdirectory("sftpi-kh-");
        try
        {
            var knownHosts = Path.Combine(directory.FullName, "known_hosts");
            File.WriteAllLines(knownHosts, knownTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => $"[h.example]:2222 {t} {Convert.ToBase64String(new byte[32])}"));
            SftpSettings Settings(HostKeyPolicy policy = HostKeyPolicy.Strict, string? algorithms = null) =>
                new() { Host = "h.example", HostAlias = "h.example", Port = 2222, Username = "u", KnownHostsPath = knownHosts, HostKeyPolicy = policy, HostKeyAlgorithms = algorithms };

            Assert.Equal(expected, OpenSshCommand.KnownKeysFirst(Settings(), trusted));
            Assert.Null(OpenSshCommand.KnownKeysFirst(Settings(HostKeyPolicy.Pinned), null));
            Assert.Equal(expected is null ? [] : ["HostKeyAlgorithms=" + expected],
                OpenSshCommand.Master(Settings(), "/tmp/d/cm", "/tmp/d/askpass", trustedKeyType: trusted).Where(a => a.StartsWith("HostKeyAlgorithms=", StringComparison.Ordinal)));
            var args = OpenSshCommand.Master(Settings(algorithms: "ssh-ed25519"), "/tmp/d/cm", "/tmp/d/askpass", trustedKeyType: trusted);
            Assert.Contains("HostKeyAlgorithms=ssh-ed25519", args); // the user's list stands as written
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "hostkey", "ORDER", "[h]:22", "NONE", "NONE" }, "[h]:22 ssh-ed25519 AAAA\u001f[h]:22 ecdsa-sha2-nistp256 BBBB", "[h]:22 ssh-ed25519 AAAA\n[h]:22 ecdsa-sha2-nistp256 BBBB\n")]
    [InlineData(new[] { "Password: " }, "a * b\u001fc", "a * b\u001fc\n")] // a secret is one line as given: no glob, no split
    public async Task AskpassScript_AnswersLikeItsSession_AndLeavesNoFifoBehind(string[] arguments, string answer, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The OpenSSH transport's askpass helper is a POSIX shell script.");
        }

        var directory = Directory.CreateTempSubdirectory("sftpi-ssh-");
        var askpass = OpenSshAskpass.Create(directory.FullName, _ => answer);
        try
        {
            var start = new ProcessStartInfo(askpass.ScriptPath, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
            using var helper = Process.Start(start)!;
            var output = await helper.StandardOutput.ReadToEndAsync(Ct);
            await helper.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

            Assert.Equal((0, expected), (helper.ExitCode, output));
            Assert.Equal(["ask", "askpass"], Directory.GetFiles(directory.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            askpass.Dispose();
            directory.Delete(recursive: true);
        }
    }
}
