using System.Diagnostics;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Every host key policy against the real server's keys.</summary>
public sealed class HostKeyTests
{
    private static string TempKnownHosts(string? contents = null)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sftpi-kh-").FullName, "known_hosts");
        if (contents is not null)
        {
            File.WriteAllText(path, contents);
        }

        return path;
    }

    [Fact]
    public async Task Strict_KnownHostsFromServer_Connects()
    {
        var server = TestServer.Require();

        await using var s = await server.ConnectAsync("key", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HostKeyPolicy.Strict, s.Settings.HostKeyPolicy);
        Assert.StartsWith("SHA256:", s.HostKeyFingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_UnknownHost_RefusedWithTheFingerprint()
    {
        var server = TestServer.Require();
        var knownHosts = TempKnownHosts();

        var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => server.ConnectAsync("key", o => o.KnownHostsPath = knownHosts,
            TestContext.Current.CancellationToken));

        Assert.Contains(server.HostKeyFingerprint, e.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(knownHosts));
    }

    [Fact]
    public async Task AcceptNew_UnknownHost_TrustsOnFirstUseThenStrictWorks()
    {
        var server = TestServer.Require();
        var knownHosts = TempKnownHosts();
        var notices = new List<string>();

        await using (var first = await server.ConnectAsync("key", o =>
        {
            o.KnownHostsPath = knownHosts;
            o.HostKeyPolicy = HostKeyPolicy.AcceptNew;
            o.Notice = notices.Add;
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(server.HostKeyFingerprint, first.HostKeyFingerprint);
        }

        Assert.Contains(server.HostKeyFingerprint, Assert.Single(notices), StringComparison.Ordinal);
        Assert.Contains($"[127.0.0.1]:{server.Port} ssh-ed25519 ", await File.ReadAllTextAsync(knownHosts, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var second = await server.ConnectAsync("key", o => o.KnownHostsPath = knownHosts, TestContext.Current.CancellationToken);
        Assert.True(second.IsConnected);
    }

    [Fact]
    public async Task AcceptNew_WithHashing_WritesAHashedEntryThatSshKeygenFindsAndStrictAccepts()
    {
        var server = TestServer.Require();
        var knownHosts = TempKnownHosts();
        var name = $"[127.0.0.1]:{server.Port}";

        await using (var first = await server.ConnectAsync("key", o =>
        {
            o.KnownHostsPath = knownHosts;
            o.HostKeyPolicy = HostKeyPolicy.AcceptNew;
            o.HashKnownHosts = true;
        }, TestContext.Current.CancellationToken))
        {
            Assert.True(first.Settings.HashKnownHosts);
        }

        var line = Assert.Single(await File.ReadAllLinesAsync(knownHosts, TestContext.Current.CancellationToken));
        Assert.Matches(@"^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 [A-Za-z0-9+/=]+$", line);
        Assert.DoesNotContain("127.0.0.1", line, StringComparison.Ordinal);
        var found = await ExternalTool.RunCheckedAsync("ssh-keygen", ["-F", name, "-f", knownHosts], TestContext.Current.CancellationToken);
        Assert.Contains($"Host {name} found", found, StringComparison.Ordinal);
        var fingerprint = await ExternalTool.RunCheckedAsync("ssh-keygen", ["-l", "-f", knownHosts], TestContext.Current.CancellationToken);
        Assert.Contains(server.HostKeyFingerprint, fingerprint, StringComparison.Ordinal);

        await using var second = await server.ConnectAsync("key", o => o.KnownHostsPath = knownHosts, TestContext.Current.CancellationToken);
        Assert.Equal(HostKeyPolicy.Strict, second.Settings.HostKeyPolicy);
        Assert.Equal(server.HostKeyFingerprint, second.HostKeyFingerprint);
    }

    [Fact]
    public async Task AcceptNew_HashKnownHostsFromEnvFile_WritesAHashedEntry()
    {
        var server = TestServer.Require();
        var knownHosts = TempKnownHosts();
        var env = Path.Combine(Path.GetDirectoryName(knownHosts)!, ".env");
        await File.WriteAllLinesAsync(env, [
            .. (await File.ReadAllLinesAsync(server.EnvFile("key"), TestContext.Current.CancellationToken))
                .Where(l => !l.StartsWith("SFTP_KNOWN_HOSTS=", StringComparison.Ordinal) && !l.StartsWith("SFTP_HOST_KEY_POLICY=", StringComparison.Ordinal)),
            $"SFTP_KNOWN_HOSTS={knownHosts}",
            "SFTP_HOST_KEY_POLICY=accept-new",
            "SFTP_KNOWN_HOSTS_HASH=true",
        ], TestContext.Current.CancellationToken);

        await using (var s = await server.ConnectAsync("key", o => o.EnvFile = env, TestContext.Current.CancellationToken))
        {
            Assert.StartsWith(".env", s.Settings.Sources["SFTP_KNOWN_HOSTS_HASH"], StringComparison.Ordinal);
        }

        Assert.StartsWith("|1|", Assert.Single(await File.ReadAllLinesAsync(knownHosts, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var (code, _) = await ExternalTool.RunAsync("ssh-keygen", ["-F", $"[127.0.0.1]:{server.Port}", "-f", knownHosts], TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData(HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.AcceptNew)]
    public async Task ChangedHostKey_RefusedWithBothFingerprints(HostKeyPolicy policy)
    {
        var server = TestServer.Require();
        var otherKey = new byte[51];
        Random.Shared.NextBytes(otherKey);
        var oldFingerprint = KnownHostsFile.Fingerprint(otherKey);
        var knownHosts = TempKnownHosts($"[127.0.0.1]:{server.Port} ssh-ed25519 {Convert.ToBase64String(otherKey)}\n");

        var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => server.ConnectAsync("key", o =>
        {
            o.KnownHostsPath = knownHosts;
            o.HostKeyPolicy = policy;
        }, TestContext.Current.CancellationToken));

        Assert.Contains("has changed", e.Message, StringComparison.Ordinal);
        Assert.Contains(oldFingerprint, e.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pinned_RightFingerprintConnects_WrongOneIsRefused()
    {
        var server = TestServer.Require();
        var empty = TempKnownHosts();

        await using (var ok = await server.ConnectAsync("key", o =>
        {
            o.KnownHostsPath = empty;
            o.HostKeyPolicy = HostKeyPolicy.Pinned;
            o.HostKeyFingerprint = server.HostKeyFingerprint;
        }, TestContext.Current.CancellationToken))
        {
            Assert.True(ok.IsConnected);
        }

        var e = await Assert.ThrowsAsync<SftpHostKeyException>(() => server.ConnectAsync("key", o =>
        {
            o.HostKeyPolicy = HostKeyPolicy.Pinned;
            o.HostKeyFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        }, TestContext.Current.CancellationToken));
        Assert.Contains("does not match the pinned fingerprint", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_KnownHostsHashedBySshKeygen_Connects()
    {
        var server = TestServer.Require();
        var knownHosts = TempKnownHosts(await File.ReadAllTextAsync(server.EnvValue("key", "SFTP_KNOWN_HOSTS"), TestContext.Current.CancellationToken));
        using (var p = Process.Start(new ProcessStartInfo("ssh-keygen", ["-H", "-f", knownHosts]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, p.ExitCode);
        }

        Assert.DoesNotContain("127.0.0.1", await File.ReadAllTextAsync(knownHosts, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await using var s = await server.ConnectAsync("key", o => o.KnownHostsPath = knownHosts, TestContext.Current.CancellationToken);
        Assert.True(s.IsConnected);
    }
}
