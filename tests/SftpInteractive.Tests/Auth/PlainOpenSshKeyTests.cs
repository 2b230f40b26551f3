using System.Diagnostics;
using Renci.SshNet;

namespace SftpInteractive.Tests.Auth;

/// <summary>Which key files the OpenSSH transport's login plan leaves to ssh unread (<see cref="PlainOpenSshKey"/>):
/// keys made by the real ssh-keygen, and the same keys damaged one part at a time.</summary>
public sealed class PlainOpenSshKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sftpi-plainkey-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Keygen(string name, params string[] options)
    {
        if (!File.Exists("/usr/bin/ssh-keygen"))
        {
            Assert.Skip("ssh-keygen (openssh-client) is not installed");
        }

        var path = Path.Combine(_dir, name);
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/ssh-keygen", [.. options, "-q", "-C", "test key", "-f", path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        Assert.True(process.WaitForExit(60_000), "ssh-keygen did not finish in 60 s");
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public void Check_KeyMadeBySshKeygenWithoutPassphrase_IsPlain(string type)
    {
        var path = Keygen($"id_{type}", "-t", type, "-N", "");

        Assert.True(PlainOpenSshKey.Check(path));
    }

    [Fact]
    public void Check_EncryptedKey_IsNotPlain()
    {
        var path = Keygen("id_enc", "-t", "ed25519", "-N", "correct horse");

        Assert.False(PlainOpenSshKey.Check(path));
    }

    [Fact]
    public void Check_PemKey_IsNotPlain()
    {
        var path = Keygen("id_pem", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "");

        Assert.False(PlainOpenSshKey.Check(path));
    }

    [Fact]
    public void Check_MissingFileOrNotAKey_IsNotPlain()
    {
        var text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "not a key\n");

        Assert.False(PlainOpenSshKey.Check(Path.Combine(_dir, "absent")));
        Assert.False(PlainOpenSshKey.Check(text));
        Assert.False(PlainOpenSshKey.Parse("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n"));
    }

    // Each damage a file can carry that ssh would refuse: the plan must not leave such a file to ssh unread.
    [Theory]
    [InlineData("check")]      // the two check numbers differ
    [InlineData("public")]     // the header's public key is another key's
    [InlineData("secret")]     // the secret's public half differs from the key
    [InlineData("padding")]    // the padding is not 1, 2, 3…
    [InlineData("truncated")]  // the data ends early
    [InlineData("trailing")]   // bytes after the private section
    public void Parse_DamagedEd25519Key_IsNotPlain(string damage)
    {
        var path = Keygen("id_a", "-t", "ed25519", "-N", "");
        var other = Keygen("id_b", "-t", "ed25519", "-N", "");
        var data = Body(File.ReadAllText(path));
        var (publicAt, sectionAt, sectionLength) = Layout(data);
        switch (damage)
        {
            case "check":
                data[sectionAt + 3] ^= 1;
                break;
            case "public":
                var otherData = Body(File.ReadAllText(other));
                var (otherPublicAt, _, _) = Layout(otherData);
                otherData.AsSpan(otherPublicAt, 51).CopyTo(data.AsSpan(publicAt)); // ssh-ed25519 blobs are 51 bytes
                break;
            case "secret":
                data[SecretEnd(data, sectionAt) - 1] ^= 1;
                break;
            case "padding":
                data[sectionAt + sectionLength - 1] ^= 0x40;
                break;
            case "truncated":
                data = data[..^9];
                break;
            case "trailing":
                data = [.. data, 0];
                break;
        }

        Assert.True(PlainOpenSshKey.Parse(Armor(Body(File.ReadAllText(path)))), "the undamaged key must be plain");
        Assert.False(PlainOpenSshKey.Parse(Armor(data)));
    }

    [Fact]
    public void Check_KeyConvertedForSshFromAnotherFormat_IsPlain()
    {
        // The PuTTY conversion's writer (OpenSshKeyFile) produces what the checker accepts: one format, two sides.
        var pem = Keygen("id_pem", "-t", "ecdsa", "-b", "384", "-m", "PEM", "-N", "");
        using var key = new PrivateKeyFile(pem);
        var converted = Path.Combine(_dir, "converted");

        OpenSshKeyFile.Write(key, pem, converted);

        Assert.False(PlainOpenSshKey.Check(pem));
        Assert.True(PlainOpenSshKey.Check(converted));
    }

    private static byte[] Body(string text)
    {
        var lines = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        return Convert.FromBase64String(string.Concat(lines));
    }

    private static string Armor(byte[] data) =>
        $"-----BEGIN OPENSSH PRIVATE KEY-----\n{Convert.ToBase64String(data)}\n-----END OPENSSH PRIVATE KEY-----\n";

    // Where the public key blob's bytes and the private section's bytes start (after their length fields).
    private static (int PublicAt, int SectionAt, int SectionLength) Layout(byte[] data)
    {
        var offset = "openssh-key-v1\0".Length;
        for (var i = 0; i < 3; i++)
        {
            SshWire.ReadString(data, ref offset); // cipher, kdf, kdf options
        }

        SshWire.ReadUInt32(data, ref offset); // number of keys
        var publicAt = offset + 4;
        SshWire.ReadString(data, ref offset);
        var sectionLength = (int)SshWire.ReadUInt32(data, ref offset);
        return (publicAt, offset, sectionLength);
    }

    // The end of an Ed25519 key's 64-byte secret (its last 32 bytes are the public key).
    private static int SecretEnd(byte[] data, int sectionAt)
    {
        var at = sectionAt + 8;
        SshWire.ReadString(data, ref at); // type
        SshWire.ReadString(data, ref at); // public key
        SshWire.ReadString(data, ref at); // secret
        return at;
    }

    [Fact]
    public void Parse_KeyWithTextBeforeTheArmor_IsNotPlain()
    {
        // ssh (sshkey.c) wants the file to start with the armor line; anything before it is the loader's to judge.
        var path = Keygen("id_c", "-t", "ed25519", "-N", "");

        Assert.False(PlainOpenSshKey.Parse("Bag Attributes\n" + File.ReadAllText(path)));
        Assert.False(PlainOpenSshKey.Parse("\n" + File.ReadAllText(path)));
        Assert.True(PlainOpenSshKey.Parse(File.ReadAllText(path)));
    }
}
