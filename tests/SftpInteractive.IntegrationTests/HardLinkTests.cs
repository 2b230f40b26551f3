using System.Text;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary><see cref="SftpSession.HardLinkAsync"/> over <c>hardlink@openssh.com</c> (OpenSSH 9.2 offers it).</summary>
public sealed class HardLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HardLink_ExistingFile_TheNewNameIsTheSameFileNotACopyOrALink()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("one file, two names")), scratch["a.txt"], cancellationToken: Ct);

        await s.HardLinkAsync(scratch["a.txt"], scratch["b.txt"], Ct);
        await s.ChmodAsync(scratch["a.txt"], "600", Ct); // the mode belongs to the file, so both names show it
        await s.RmAsync(scratch["a.txt"], Ct);

        var b = await s.LStatAsync(scratch["b.txt"], Ct);
        Assert.Equal(RemoteEntryType.File, b.Type);
        Assert.Equal("0600", b.OctalMode);
        Assert.Equal("one file, two names", await s.ReadTextAsync(scratch["b.txt"], cancellationToken: Ct));
    }

    [Fact]
    public async Task HardLink_LinkPathExists_RefusedAndBothFilesStay()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("a")), scratch["a.txt"], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("b")), scratch["b.txt"], cancellationToken: Ct);

        await Assert.ThrowsAnyAsync<SftpInteractiveException>(() => s.HardLinkAsync(scratch["a.txt"], scratch["b.txt"], Ct));

        Assert.Equal("b", await s.ReadTextAsync(scratch["b.txt"], cancellationToken: Ct));
    }
}
