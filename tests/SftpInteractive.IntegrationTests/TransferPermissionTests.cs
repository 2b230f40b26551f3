using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Permission denied during transfers: a clear exception for one file, a per-file error in a tree job,
/// and never a local or remote file (final or <c>.part</c>) left behind.</summary>
public sealed class TransferPermissionTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-denied-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_UnreadableSampleFile_PermissionDeniedAndNoLocalFile(bool intoFolder)
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var secret = RemotePath.Combine(server.DataRoot, "restricted/secret.csv");
        Assert.Equal("----------", (await s.StatAsync(secret, Ct)).Permissions);
        var local = intoFolder ? _local.FullName + "/" : Path.Combine(_local.FullName, "copy.csv");

        var e = await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => s.GetAsync(secret, local, cancellationToken: Ct));

        Assert.Contains("Permission denied", e.Message, StringComparison.Ordinal);
        Assert.Contains(secret, e.Message, StringComparison.Ordinal);
        Assert.Contains(server.EnvValue("key", "SFTP_USERNAME"), e.Message, StringComparison.Ordinal);
        Assert.Empty(_local.EnumerateFileSystemInfos());
        Assert.True(s.IsConnected);
    }

    [Fact]
    public async Task Put_IntoReadOnlyRemoteFolder_PermissionDeniedAndNothingArrives()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var readOnly = RemotePath.Combine(server.DataRoot, "restricted"); // root's folder, mode 755
        var source = Path.Combine(_local.FullName, "result.csv");
        await File.WriteAllTextAsync(source, "station,value\nwmr1006,1.5\n", Ct);
        var target = RemotePath.Combine(readOnly, "result-" + Guid.NewGuid().ToString("N")[..8] + ".csv");

        var e = await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => s.PutAsync(source, target, cancellationToken: Ct));

        Assert.Contains("Permission denied", e.Message, StringComparison.Ordinal);
        Assert.Contains(readOnly, e.Message, StringComparison.Ordinal);
        Assert.False(await s.ExistsAsync(target, Ct));
        Assert.False(await s.ExistsAsync(target + ".part", Ct));
    }

    [Fact]
    public async Task Put_IntoOwnFolderMadeReadOnly_PermissionDenied()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = Path.Combine(_local.FullName, "result.csv");
        await File.WriteAllTextAsync(source, "x\n", Ct);
        await s.MkdirAsync(scratch["ro"], Ct);
        await s.ChmodAsync(scratch["ro"], "555", Ct);
        try
        {
            await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => s.PutAsync(source, scratch["ro/result.csv"], cancellationToken: Ct));

            Assert.Empty(await s.LsAsync(scratch["ro"], Ct));
        }
        finally
        {
            await s.ChmodAsync(scratch["ro"], "755", Ct);
        }
    }

    [Fact]
    public async Task GetDirectory_TreeWithUnreadableFileAndFolder_ReportsBothAndCopiesTheRest()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        await s.MkdirAsync(scratch["sub"], Ct);
        await s.MkdirAsync(scratch["locked"], Ct);
        await s.PutAsync(new MemoryStream("a,b\n1,2\n"u8.ToArray()), scratch["ok.csv"], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream("c,d\n3,4\n"u8.ToArray()), scratch["sub/also-ok.csv"], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream("top,secret\n"u8.ToArray()), scratch["secret.csv"], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream("hidden\n"u8.ToArray()), scratch["locked/inside.csv"], cancellationToken: Ct);
        await s.ChmodAsync(scratch["secret.csv"], "000", Ct);
        await s.ChmodAsync(scratch["locked"], "000", Ct);
        var target = Path.Combine(_local.FullName, "copy");
        try
        {
            var report = await s.GetDirectoryAsync(scratch.Path, target, new TransferOptions { Parallelism = 2 }, cancellationToken: Ct);

            Assert.False(report.Succeeded);
            Assert.Equal(2, report.Failures.Count);
            var file = Assert.Single(report.Failures, f => f.Path == scratch["secret.csv"]);
            Assert.Contains("Permission denied", file.Message, StringComparison.Ordinal);
            var folder = Assert.Single(report.Failures, f => f.Path == scratch["locked"]);
            Assert.Contains("Permission denied", folder.Message, StringComparison.Ordinal);
            var e = Assert.Throws<SftpTransferException>(() => report.EnsureSuccess());
            Assert.Contains("failed", e.Message, StringComparison.Ordinal);
            Assert.Equal("a,b\n1,2\n", await File.ReadAllTextAsync(Path.Combine(target, "ok.csv"), Ct));
            Assert.Equal("c,d\n3,4\n", await File.ReadAllTextAsync(Path.Combine(target, "sub", "also-ok.csv"), Ct));
            Assert.Equal(["ok.csv", "sub"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            await s.ChmodAsync(scratch["locked"], "755", Ct);
            await s.ChmodAsync(scratch["secret.csv"], "644", Ct);
        }
    }

    [Fact]
    public async Task GetDirectory_SampleRestrictedFolder_ReportsTheUnreadableFileInsteadOfDying()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var restricted = RemotePath.Combine(server.DataRoot, "restricted");

        var report = await s.GetDirectoryAsync(restricted, _local.FullName, cancellationToken: Ct);

        Assert.Contains(report.Failures, f => f.Path == RemotePath.Combine(restricted, "secret.csv") && f.Message.Contains("Permission denied", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Path == RemotePath.Combine(restricted, "locked"));
        Assert.Empty(_local.EnumerateFiles("*", SearchOption.AllDirectories));
        Assert.True(s.IsConnected);
    }
}
