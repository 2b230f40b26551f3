using System.Security.Cryptography;

namespace SftpInteractive.Tests.HostKeys;

public sealed class KnownHostsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-kh-").FullName;
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(51);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(51);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File_(string contents)
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public void Find_PlainBracketedHostWithPort_Matches()
    {
        var path = File_($"# comment\n[127.0.0.1]:2222 ssh-ed25519 {Convert.ToBase64String(KeyA)}\nexample.org ssh-rsa {Convert.ToBase64String(KeyB)}\n");

        var file = KnownHostsFile.Load(path);

        Assert.True(Assert.Single(file.Find("127.0.0.1", 2222)).SameKey(KeyA));
        Assert.Empty(file.Find("127.0.0.1", 22));
        Assert.Equal(3, file.Find("example.org", 22).Single().LineNumber);
    }

    [Fact]
    public void Find_HashedEntryWrittenByOpenSshFormat_Matches()
    {
        var hashed = KnownHostsFile.HashHostName("[files.example.org]:2222", RandomNumberGenerator.GetBytes(20));
        var path = File_($"{hashed} ssh-ed25519 {Convert.ToBase64String(KeyA)}\n");

        var file = KnownHostsFile.Load(path);

        Assert.Single(file.Find("files.example.org", 2222));
        Assert.Empty(file.Find("other.example.org", 2222));
    }

    [Fact]
    public void Find_EntryHashedByRealSshKeygen_Matches()
    {
        if (!File.Exists("/usr/bin/ssh-keygen"))
        {
            Assert.Skip("ssh-keygen (openssh-client) is not installed");
        }

        var path = File_($"sftp.example.com ssh-ed25519 {Convert.ToBase64String(KeyA)}\n[sftp.example.com]:2222 ssh-ed25519 {Convert.ToBase64String(KeyB)}\n");
        using (var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/ssh-keygen", ["-H", "-f", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            p.WaitForExit(10_000);
            Assert.Equal(0, p.ExitCode);
        }

        var file = KnownHostsFile.Load(path);

        Assert.All(file.Entries, e => Assert.StartsWith("|1|", e.Patterns[0], StringComparison.Ordinal));
        Assert.True(Assert.Single(file.Find("sftp.example.com", 22)).SameKey(KeyA));
        Assert.True(Assert.Single(file.Find("sftp.example.com", 2222)).SameKey(KeyB));
    }

    [Fact]
    public void Find_WildcardAndNegation_FollowOpenSshRules()
    {
        var path = File_($"*.example.org,!bad.example.org ssh-ed25519 {Convert.ToBase64String(KeyA)}\n");

        var file = KnownHostsFile.Load(path);

        Assert.Single(file.Find("a.example.org", 22));
        Assert.Empty(file.Find("bad.example.org", 22));
    }

    [Fact]
    public void Load_RevokedMarkerAndCertAuthority_AreHandled()
    {
        var path = File_($"@revoked h ssh-ed25519 {Convert.ToBase64String(KeyA)}\n@cert-authority * ssh-ed25519 {Convert.ToBase64String(KeyB)}\ngarbage\n");

        var entries = KnownHostsFile.Load(path).Entries;

        Assert.True(Assert.Single(entries).Revoked);
    }

    [Fact]
    public void Add_CreatesFileWithMode600_AndIsFoundAgain()
    {
        var path = Path.Combine(_dir, "sub", "known_hosts");
        var file = KnownHostsFile.Load(path);

        file.Add("127.0.0.1", 2222, "ssh-ed25519", KeyA);
        file.Add("other", 22, "ssh-ed25519", KeyB, hashed: true);

        var reloaded = KnownHostsFile.Load(path);
        Assert.True(reloaded.Find("127.0.0.1", 2222).Single().SameKey(KeyA));
        Assert.True(reloaded.Find("other", 22).Single().SameKey(KeyB));
        Assert.DoesNotContain("other", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Add_ToFileWithoutTrailingNewline_KeepsLinesSeparate()
    {
        var path = File_($"a ssh-ed25519 {Convert.ToBase64String(KeyA)}");

        KnownHostsFile.Load(path).Add("b", 22, "ssh-ed25519", KeyB);

        Assert.Equal(2, KnownHostsFile.Load(path).Entries.Count);
    }

    [Theory]
    [InlineData("SHA256:abcDEF123", "SHA256:abcDEF123")]
    [InlineData("abcDEF123=", "SHA256:abcDEF123")]
    [InlineData(" sha256:abc DEF ", "SHA256:abcDEF")]
    public void NormalizeFingerprint_AcceptsCommonSpellings(string input, string expected) =>
        Assert.Equal(expected, KnownHostsFile.NormalizeFingerprint(input));

    [Fact]
    public void Fingerprint_IsSha256UnpaddedBase64LikeSshKeygen()
    {
        var expected = "SHA256:" + Convert.ToBase64String(SHA256.HashData(KeyA)).TrimEnd('=');

        Assert.Equal(expected, KnownHostsFile.Fingerprint(KeyA));
    }
}
