using System.Security.Cryptography;

namespace SftpInteractive.Tests.HostKeys;

public sealed class HostKeyVerifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-hkv-").FullName;
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(51);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(51);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KnownHosts => Path.Combine(_dir, "known_hosts");

    private SftpSettings Settings(HostKeyPolicy policy, string? fingerprint = null, Action<string>? notice = null) => new()
    {
        Host = "127.0.0.1", HostAlias = "127.0.0.1", Port = 2222, Username = "u",
        KnownHostsPath = KnownHosts, HostKeyPolicy = policy, HostKeyFingerprint = fingerprint, Notice = notice,
    };

    [Fact]
    public void Decide_StrictUnknownHost_RefusesAndShowsFingerprint()
    {
        var verifier = new HostKeyVerifier(Settings(HostKeyPolicy.Strict), null);

        Assert.False(verifier.Decide("ssh-ed25519", Key));

        Assert.Contains(KnownHostsFile.Fingerprint(Key), verifier.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("not in", verifier.Refusal.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KnownHosts));
    }

    [Fact]
    public void Decide_AcceptNewUnknownHost_TrustsAddsAndNotifies()
    {
        var notices = new List<string>();
        var verifier = new HostKeyVerifier(Settings(HostKeyPolicy.AcceptNew, notice: notices.Add), null);

        Assert.True(verifier.Decide("ssh-ed25519", Key));

        Assert.True(KnownHostsFile.Load(KnownHosts).Find("127.0.0.1", 2222).Single().SameKey(Key));
        Assert.Contains(KnownHostsFile.Fingerprint(Key), Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AcceptNewWithHashing_WritesAHashedEntryThatStillMatches()
    {
        var settings = new SftpSettings
        {
            Host = "127.0.0.1", HostAlias = "127.0.0.1", Port = 2222, Username = "u",
            KnownHostsPath = KnownHosts, HostKeyPolicy = HostKeyPolicy.AcceptNew, HashKnownHosts = true,
        };

        Assert.True(new HostKeyVerifier(settings, null).Decide("ssh-ed25519", Key));

        var line = Assert.Single(File.ReadAllLines(KnownHosts));
        Assert.StartsWith("|1|", line, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", line, StringComparison.Ordinal);
        Assert.True(new HostKeyVerifier(Settings(HostKeyPolicy.Strict), null).Decide("ssh-ed25519", Key));
    }

    [Theory]
    [InlineData(HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.AcceptNew)]
    public void Decide_ChangedKey_RefusedWithBothFingerprints(HostKeyPolicy policy)
    {
        KnownHostsFile.Load(KnownHosts).Add("127.0.0.1", 2222, "ssh-ed25519", Key);
        var verifier = new HostKeyVerifier(Settings(policy), null);

        Assert.False(verifier.Decide("ssh-ed25519", OtherKey));

        var message = verifier.Refusal!.Message;
        Assert.Contains(KnownHostsFile.Fingerprint(Key), message, StringComparison.Ordinal);
        Assert.Contains(KnownHostsFile.Fingerprint(OtherKey), message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", message, StringComparison.Ordinal);
        Assert.Single(KnownHostsFile.Load(KnownHosts).Entries);
    }

    [Fact]
    public void Decide_KnownKey_Trusted()
    {
        KnownHostsFile.Load(KnownHosts).Add("127.0.0.1", 2222, "ssh-ed25519", Key, hashed: true);

        Assert.True(new HostKeyVerifier(Settings(HostKeyPolicy.Strict), null).Decide("ssh-ed25519", Key));
    }

    [Fact]
    public void Decide_RevokedKey_Refused()
    {
        File.WriteAllText(KnownHosts, $"@revoked [127.0.0.1]:2222 ssh-ed25519 {Convert.ToBase64String(Key)}\n");
        var verifier = new HostKeyVerifier(Settings(HostKeyPolicy.AcceptNew), null);

        Assert.False(verifier.Decide("ssh-ed25519", Key));
        Assert.Contains("revoked", verifier.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_Pinned_MatchesOnlyThatFingerprint()
    {
        var pin = KnownHostsFile.Fingerprint(Key);

        Assert.True(new HostKeyVerifier(Settings(HostKeyPolicy.Pinned, pin), null).Decide("ssh-ed25519", Key));
        var wrong = new HostKeyVerifier(Settings(HostKeyPolicy.Pinned, pin), null);
        Assert.False(wrong.Decide("ssh-ed25519", OtherKey));
        Assert.Contains(pin, wrong.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains(KnownHostsFile.Fingerprint(OtherKey), wrong.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SessionPinnedKeyChangesMidSession_Refused()
    {
        KnownHostsFile.Load(KnownHosts).Add("127.0.0.1", 2222, "ssh-ed25519", OtherKey);
        var verifier = new HostKeyVerifier(Settings(HostKeyPolicy.Strict), KnownHostsFile.Fingerprint(Key));

        Assert.False(verifier.Decide("ssh-ed25519", OtherKey));
        Assert.Contains("during this session", verifier.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SeveralKnownHostsFiles_KeyInTheSecondIsTrustedAndAChangeNamesThatFile()
    {
        var second = Path.Combine(_dir, "known_hosts_corp");
        File.WriteAllText(second, $"[127.0.0.1]:2222 ssh-ed25519 {Convert.ToBase64String(Key)}\n");
        SftpSettings With(HostKeyPolicy policy) => new()
        {
            Host = "127.0.0.1", HostAlias = "127.0.0.1", Port = 2222, Username = "u",
            KnownHostsPath = KnownHosts, KnownHostsPaths = [KnownHosts, second], HostKeyPolicy = policy,
        };

        Assert.True(new HostKeyVerifier(With(HostKeyPolicy.Strict), null).Decide("ssh-ed25519", Key));
        var changed = new HostKeyVerifier(With(HostKeyPolicy.AcceptNew), null);
        Assert.False(changed.Decide("ssh-ed25519", OtherKey));
        Assert.Contains("known_hosts_corp line 1", changed.Refusal!.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KnownHosts)); // nothing written: a changed key is never added
    }
}
