using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Copy(remote, remote) against the real server: the server copies (OpenSSH's copy-data), through a .part
/// renamed into place, keeping the source's permissions.</summary>
public sealed class CopyTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-copy-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task Copy_FileToNewNameAndIntoAFolder_SameBytesAndModeNoPartLeft()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var content = RandomNumberGenerator.GetBytes(300_000);
        var source = Path.Combine(_local.FullName, "a.bin");
        await File.WriteAllBytesAsync(source, content, Ct);
        await s.PutAsync(source, scratch["a.bin"], cancellationToken: Ct);
        await s.ChmodAsync(scratch["a.bin"], "640", Ct);
        await s.MkdirAsync(scratch["folder"], Ct);

        var copy = await s.CopyAsync(scratch["a.bin"], scratch["b.bin"], cancellationToken: Ct);
        var intoFolder = await s.CopyAsync(scratch["a.bin"], scratch["folder"], cancellationToken: Ct);

        Assert.Equal(scratch["b.bin"], copy);
        Assert.Equal(scratch["folder"] + "/a.bin", intoFolder);
        foreach (var path in new[] { copy, intoFolder })
        {
            var local = Path.Combine(_local.FullName, Path.GetFileName(path) + "-" + Guid.NewGuid().ToString("N"));
            await s.GetAsync(path, local, cancellationToken: Ct);
            Assert.Equal(content, await File.ReadAllBytesAsync(local, Ct));
            Assert.Equal(Convert.ToInt32("640", 8), (await s.StatAsync(path, Ct)).Mode & 0x1FF);
        }

        Assert.DoesNotContain(await s.LsAsync(scratch.Path, Ct), e => e.Name.EndsWith(".part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_DestinationExists_RefusedUnlessOverwrite()
    {
        await using var s = await TestServer.Require().ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = Path.Combine(_local.FullName, "x.txt");
        await File.WriteAllTextAsync(source, "new", Ct);
        await s.PutAsync(source, scratch["x.txt"], cancellationToken: Ct);
        await File.WriteAllTextAsync(source, "old!", Ct);
        await s.PutAsync(source, scratch["y.txt"], cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<SftpInteractiveException>(() => s.CopyAsync(scratch["x.txt"], scratch["y.txt"], cancellationToken: Ct));
        Assert.Contains("overwrite: true", refused.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await s.StatAsync(scratch["y.txt"], Ct)).Size);

        await s.CopyAsync(scratch["x.txt"], scratch["y.txt"], overwrite: true, Ct);
        Assert.Equal(3, (await s.StatAsync(scratch["y.txt"], Ct)).Size);
        await Assert.ThrowsAsync<SftpPathNotFoundException>(() => s.CopyAsync(scratch["missing"], scratch["z"], cancellationToken: Ct));
    }
}
