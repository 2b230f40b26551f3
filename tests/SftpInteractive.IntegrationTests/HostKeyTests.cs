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
