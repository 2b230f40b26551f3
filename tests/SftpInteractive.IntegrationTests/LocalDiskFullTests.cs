using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Downloads into a 4 MiB tmpfs: one clear "local disk is full" error naming the folder, nothing under the
/// final name, and the session goes on.</summary>
public sealed class LocalDiskFullTests
{
    private const int DiskSize = 4 << 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("large/medium.bin")] // 8 MiB: one stream, fails while writing
    [InlineData("large/big.bin")]    // 64 MiB: ranged download, fails when the .part is preallocated
    public async Task Get_LocalDiskFull_ClearErrorNoFinalFileSessionUsable(string file)
    {
        var server = TestServer.Require();
        using var disk = SmallTmpfs.TryMount(DiskSize, out var reason);
        if (disk is null)
        {
            Assert.Skip(reason);
        }

        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var target = Path.Combine(disk.Path, Path.GetFileName(file));

        var e = await Assert.ThrowsAsync<SftpTransferException>(() => s.GetAsync(RemotePath.Combine(server.DataRoot, file), target, cancellationToken: Ct));

        Assert.Contains("local disk is full", e.Message, StringComparison.Ordinal);
        Assert.Contains(disk.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Free some space", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target + ".part") && new FileInfo(target + ".part").Length == 0, "an empty .part was left on the full disk");
        Assert.False(File.Exists(target));
        Assert.True(s.IsConnected);
        Assert.Contains(await s.LsAsync(server.DataRoot, Ct), x => x.Name == "large");
        FaultFigures.Write($"DISKFULL file={file} tmpfs={DiskSize} message=\"{e.Message}\"");
    }

    [Fact]
    public async Task GetDirectory_LocalDiskFull_ReportsEachFileClearlyAndLeavesNoPartialFinalFile()
    {
        var server = TestServer.Require();
        using var disk = SmallTmpfs.TryMount(DiskSize, out var reason);
        if (disk is null)
        {
            Assert.Skip(reason);
        }

        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var remote = RemotePath.Combine(server.DataRoot, "large");

        var report = await s.GetDirectoryAsync(remote, disk.Path, new TransferOptions { Parallelism = 1 }, cancellationToken: Ct);

        Assert.NotEmpty(report.Failures);
        Assert.All(report.Failures, f => Assert.Contains("local disk is full", f.Message, StringComparison.Ordinal));
        foreach (var local in Directory.EnumerateFiles(disk.Path).Where(f => !f.EndsWith(".part", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(server.DataRoot, "large", Path.GetFileName(local))), File.ReadAllBytes(local));
        }

        Assert.Contains(await s.LsAsync(remote, Ct), x => x.Name == "medium.bin");
    }
}
