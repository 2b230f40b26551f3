using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Single-file get/put against the real server: sha256, atomic .part, resume after cancel and after a cut connection.</summary>
public sealed class TransferTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-transfer-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task Get_LargeFile_Sha256MatchesTheServer()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var target = Path.Combine(_local.FullName, "big.bin");
        var reports = new List<TransferProgress>();

        // Four ranges over four connections whatever this machine's cores (the default chooses by cores).
        var result = await s.GetAsync(server.LargeFile, target, new TransferOptions { Verify = TransferVerification.Sha256, RangedConnections = 4 }, new SyncProgress(reports.Add), Ct);

        Assert.Equal(server.Facts["SFTPI_TEST_LARGE_FILE_SHA256"], result.Sha256);
        Assert.Equal("size+sha256", result.Verified);
        Assert.Equal(server.Facts["SFTPI_TEST_LARGE_FILE_SHA256"], await Sha256Async(target));
        Assert.False(File.Exists(target + ".part"));
        Assert.Equal((await s.StatAsync(server.LargeFile, Ct)).ModifiedUtc, File.GetLastWriteTimeUtc(target), TimeSpan.FromSeconds(1));
        Assert.True(reports[^1].IsComplete);
        Assert.Equal(result.Size, reports[^1].Bytes);
    }

    [Fact]
    public async Task Get_CancelledMidway_LeavesOnlyPartThenResumes()
    {
        var server = TestServer.Require();
        // Each connection at 8 MiB/s through the proxy: on a fast idle loopback (or a busy machine that reports
        // progress late) the whole 64 MiB could otherwise arrive before the cancel (a fresh clone's run saw that).
        await using var proxy = new FaultProxy(server.Port) { BytesPerSecond = 8 << 20 };
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        var target = Path.Combine(_local.FullName, "big.bin");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Past 16 MiB: the 64 MiB file is split over several connections, and a cancel before the first range has
        // written a prefix would leave nothing to resume (the empty .part is removed).
        var progress = new SyncProgress(p => { if (p.Bytes > 16 << 20) { cts.Cancel(); } });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.GetAsync(server.LargeFile, target, new TransferOptions { RangedConnections = 4 }, progress, cts.Token));
        proxy.BytesPerSecond = null;

        Assert.False(File.Exists(target));
        var part = new FileInfo(target + ".part");
        Assert.True(part.Exists && part.Length > 0 && part.Length < 64 << 20, $"part length {(part.Exists ? part.Length : -1)}");
        var resumed = await s.GetAsync(server.LargeFile, target, new TransferOptions { Verify = TransferVerification.Sha256 }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Resume, resumed.Action);
        Assert.True(resumed.BytesMoved < resumed.Size);
        Assert.Equal(server.Facts["SFTPI_TEST_LARGE_FILE_SHA256"], await Sha256Async(target));
    }

    [Theory]
    [InlineData(96 * 1024, "before its listed size")]
    [InlineData(-96 * 1024, "did it change on the server?")]
    public async Task Get_FileSizeDiffersFromThePlan_ClearErrorAndThePartKeepsWhatWasRead(int listedMinusActual, string expected)
    {
        // The file changed between the listing and the read: it shrank (listed larger), or grew (listed smaller). A
        // reader that stopped at the listed size would turn a grown file into a silently truncated one.
        const int Actual = 1 << 20;
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = Path.Combine(_local.FullName, "source.bin");
        await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(Actual), Ct);
        await s.PutAsync(source, scratch["changed.bin"], cancellationToken: Ct);
        var target = Path.Combine(_local.FullName, "changed.bin");
        var listed = Actual + listedMinusActual;
        var item = new TransferPlanItem(scratch["changed.bin"], target, "changed.bin", listed, DateTime.UtcNow, TransferAction.Transfer);

        var e = await Assert.ThrowsAsync<SftpTransferException>(() => FileTransfer.DownloadAsync(
            s, s.Client, item, new TransferOptions(), new TransferTracker(null, TimeProvider.System, listed, 1), Ct));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        var part = await File.ReadAllBytesAsync(target + FileTransfer.PartSuffix, Ct);
        Assert.Equal((await File.ReadAllBytesAsync(source, Ct)).AsSpan(0, Math.Min(Actual, listed)).ToArray(), part.AsSpan(0, Math.Min(Actual, listed)).ToArray());
    }

    [Fact]
    public async Task Get_ConnectionCutWithRetriesOff_NoFinalFileThenResumesAfterReconnect()
    {
        // The fault proxy cuts every connection (the ranged download's extra ones too) once the get has read 7/8 of the
        // file: more than the other three ranges hold (3/4), so the first range has delivered data however late its
        // connection started, and the prefix known complete, which the .part keeps, is never empty. (At 16 MiB of 64 the
        // other ranges could deliver it all first on a loaded machine: fresh62's one failure, an empty .part.)
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await s.CdAsync(server.DataRoot, Ct);
        var target = Path.Combine(_local.FullName, "big.bin");
        var size = (await s.StatAsync(server.LargeFile, Ct)).Size;

        proxy.CutDownloadAfter(size / 8 * 7);
        var e = await Assert.ThrowsAsync<SftpTransferException>(() => s.GetAsync(server.LargeFile, target, new TransferOptions { Retries = 0, RangedConnections = 4 }, cancellationToken: Ct));

        Assert.Equal(1, proxy.Cuts);
        Assert.Contains("Reconnect()", e.Message, StringComparison.Ordinal);
        Assert.Contains(target + ".part", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.True(new FileInfo(target + ".part") is { Exists: true, Length: > 0 });
        await s.ReconnectAsync(Ct);
        Assert.Equal(server.DataRoot, s.WorkingDirectory);
        var resumed = await s.GetAsync(server.LargeFile, target, new TransferOptions { Verify = TransferVerification.Sha256 }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Resume, resumed.Action);
        Assert.True(resumed.BytesMoved < resumed.Size, $"moved {resumed.BytesMoved} of {resumed.Size}");
        Assert.Equal(server.Facts["SFTPI_TEST_LARGE_FILE_SHA256"], await Sha256Async(target));
    }

    [Fact]
    public async Task Get_ConnectionCutWithDefaultRetries_ReconnectsResumesAndMatches()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await s.CdAsync(server.DataRoot, Ct);
        var target = Path.Combine(_local.FullName, "big.bin");

        proxy.CutDownloadAfter(16 << 20);
        var result = await s.GetAsync(server.LargeFile, target, new TransferOptions { Verify = TransferVerification.Sha256 }, cancellationToken: Ct);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(1, result.Retries);
        Assert.Equal(TransferAction.Resume, result.Action);
        Assert.True(result.BytesMoved < result.Size, $"moved {result.BytesMoved} of {result.Size}");
        Assert.Equal(server.Facts["SFTPI_TEST_LARGE_FILE_SHA256"], await Sha256Async(target));
        Assert.False(File.Exists(target + ".part"));
        Assert.True(s.IsConnected);
        Assert.Equal(server.DataRoot, s.WorkingDirectory);
        Assert.Contains(await s.LsAsync(cancellationToken: Ct), x => x.Name == "large");
    }

    [Fact]
    public async Task Put_CancelledMidway_NoRemoteFinalFileThenResumesWithSha256()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("up.bin", 24 << 20);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Cancel on the first report with data (reported at once, not after the 100 ms throttle): on a fast loopback the
        // whole 24 MiB can go up within one throttle interval, so a "past 8 MiB" threshold was first seen in the final
        // report, after the file was complete.
        var progress = new SyncProgress(p => { if (p.Bytes > 0 && !p.IsComplete) { cts.Cancel(); } });

        // One connection, so the upload writes the .part itself (a loaded machine can measure a loopback round trip over
        // 10 ms, and a put "at distance" splits into ranges, which write <part>.ranges: RangedPutTests cover those).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.PutAsync(source, scratch["up.bin"], new TransferOptions { RangedConnections = 1 }, progress, cts.Token));

        Assert.False(await s.ExistsAsync(scratch["up.bin"], Ct));
        Assert.True(await s.ExistsAsync(scratch["up.bin.part"], Ct));
        var resumed = await s.PutAsync(source, scratch["up.bin"], new TransferOptions { Verify = TransferVerification.Sha256 }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Resume, resumed.Action);
        Assert.Equal("size+sha256", resumed.Verified);
        Assert.Equal(await Sha256Async(source), resumed.Sha256);
        Assert.False(await s.ExistsAsync(scratch["up.bin.part"], Ct));
        Assert.Equal(File.GetLastWriteTimeUtc(source), (await s.StatAsync(scratch["up.bin"], Ct)).ModifiedUtc, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Put_ConnectionCutWithRetriesOff_NoRemoteFinalFileThenResumesThePart()
    {
        // The cut comes from the fault proxy at a fixed byte count, so it always lands mid-upload.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("cut.bin", 24 << 20);

        proxy.CutUploadAfter(8 << 20);
        // One connection (see Put_CancelledMidway_…): the cut must leave the .part, not a ranged upload's .ranges file.
        var e = await Assert.ThrowsAsync<SftpTransferException>(() => s.PutAsync(source, scratch["cut.bin"], new TransferOptions { Retries = 0, RangedConnections = 1 }, cancellationToken: Ct));

        Assert.Equal(1, proxy.Cuts);
        Assert.Contains("Retries = 0", e.Message, StringComparison.Ordinal);
        await s.ReconnectAsync(Ct);
        Assert.False(await s.ExistsAsync(scratch["cut.bin"], Ct));
        Assert.True(await s.ExistsAsync(scratch["cut.bin.part"], Ct));
        var resumed = await s.PutAsync(source, scratch["cut.bin"], new TransferOptions { Verify = TransferVerification.Sha256 }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Resume, resumed.Action);
        Assert.True(resumed.BytesMoved < resumed.Size, $"moved {resumed.BytesMoved} of {resumed.Size}: a full re-upload, not a resume");
        Assert.Equal(await Sha256Async(source), resumed.Sha256);
    }

    [Fact]
    public async Task Get_Policies_NeverThrowsIfDifferentSkipsAlwaysReplaces()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var remote = RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history/wmr1006.csv");
        var first = await s.GetAsync(remote, _local.FullName + "/", cancellationToken: Ct);
        var target = Path.Combine(_local.FullName, "wmr1006.csv");
        Assert.Equal(target, first.Destination);

        await Assert.ThrowsAsync<SftpTransferException>(() => s.GetAsync(remote, target, new TransferOptions { Overwrite = OverwritePolicy.Never }, cancellationToken: Ct));
        var skipped = await s.GetAsync(remote, target, new TransferOptions { Overwrite = OverwritePolicy.IfDifferent }, cancellationToken: Ct);
        Assert.Equal(TransferAction.SkipIdentical, skipped.Action);
        File.AppendAllText(target, "changed");
        var replaced = await s.GetAsync(remote, target, new TransferOptions { Overwrite = OverwritePolicy.IfDifferent }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Overwrite, replaced.Action);
        Assert.Equal(File.ReadAllBytes(remote), File.ReadAllBytes(target));

        // Same size and time, other bytes: IfDifferent cannot tell and skips; Always downloads again regardless.
        var original = File.ReadAllBytes(remote);
        var tampered = original.Select(b => (byte)(b ^ 0x20)).ToArray();
        var stamp = File.GetLastWriteTimeUtc(target);
        File.WriteAllBytes(target, tampered);
        File.SetLastWriteTimeUtc(target, stamp);
        Assert.Equal(TransferAction.SkipIdentical, (await s.GetAsync(remote, target, new TransferOptions { Overwrite = OverwritePolicy.IfDifferent }, cancellationToken: Ct)).Action);
        Assert.Equal(tampered, File.ReadAllBytes(target));
        var always = await s.GetAsync(remote, target, new TransferOptions { Overwrite = OverwritePolicy.Always }, cancellationToken: Ct);
        Assert.Equal(TransferAction.Overwrite, always.Action);
        Assert.Equal(original.Length, always.BytesMoved);
        Assert.Equal(original, File.ReadAllBytes(target));
    }

    [Fact]
    public async Task GetAndPut_Streams_RoundTrip()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var data = RandomNumberGenerator.GetBytes(300_000);

        await s.PutAsync(new MemoryStream(data), scratch["s.bin"], cancellationToken: Ct);
        using var back = new MemoryStream();
        await s.GetAsync(scratch["s.bin"], back, cancellationToken: Ct);

        Assert.Equal(data, back.ToArray());
    }

    private string RandomFile(string name, int size)
    {
        var path = Path.Combine(_local.FullName, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        return path;
    }

    internal static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, Ct));
    }
}
