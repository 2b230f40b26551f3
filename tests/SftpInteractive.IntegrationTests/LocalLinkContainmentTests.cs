using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>A local symbolic link inside the target folder must not carry a download outside it.</summary>
public sealed class LocalLinkContainmentTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-links-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task GetDirectory_LocalSubfolderLinkedOutside_IsRefusedAndNothingEscapes()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.MkdirAsync(scratch["sub"], Ct);
        await s.PutAsync(new MemoryStream("in sub\n"u8.ToArray()), scratch["sub/a.csv"], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream("top\n"u8.ToArray()), scratch["top.csv"], cancellationToken: Ct);
        var target = Directory.CreateDirectory(Path.Combine(_local.FullName, "target")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_local.FullName, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(target, "sub"), elsewhere);

        var report = await s.GetDirectoryAsync(scratch.Path, target, cancellationToken: Ct);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(scratch["sub/a.csv"], failure.Path);
        Assert.Contains("symbolic link", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.Equal("top\n", await File.ReadAllTextAsync(Path.Combine(target, "top.csv"), Ct));
    }

    [Fact]
    public async Task Get_IntoFolderWhereTheNameIsALinkOutside_IsRefused()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var remote = RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history/wmr1006.csv");
        var target = Directory.CreateDirectory(Path.Combine(_local.FullName, "target")).FullName;
        var planted = Path.Combine(_local.FullName, "planted.csv");
        File.CreateSymbolicLink(Path.Combine(target, "wmr1006.csv.part"), planted);

        var e = await Assert.ThrowsAsync<SftpTransferException>(() => s.GetAsync(remote, target, cancellationToken: Ct));

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(planted));
        Assert.False(File.Exists(Path.Combine(target, "wmr1006.csv")));
    }
}
