using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>A large put split over several connections (forced, so covered on any machine): the same atomic .part,
/// size and sha256 checks, kept time and resume as a one-connection put.</summary>
public sealed class RangedPutTests : IDisposable
{
    private const int Size = 24 << 20;
    private static readonly TransferOptions Ranged = new() { RangedConnections = 4, Verify = TransferVerification.Sha256 };
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-ranged-put-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task Put_FourRanges_Sha256MatchesAndTimeKept()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("up.bin");
        var reports = new List<TransferProgress>();

        var result = await s.PutAsync(source, scratch["up.bin"], Ranged, new SyncProgress(reports.Add), Ct);

        Assert.Equal("size+sha256", result.Verified);
        Assert.Equal(await TransferTests.Sha256Async(source), result.Sha256);
        Assert.Equal(await TransferTests.Sha256Async(source), await RemoteSha256Async(s, scratch["up.bin"]));
        Assert.False(await s.ExistsAsync(scratch["up.bin.part"], Ct));
        Assert.Equal(File.GetLastWriteTimeUtc(source), (await s.StatAsync(scratch["up.bin"], Ct)).ModifiedUtc, TimeSpan.FromSeconds(1));
        Assert.True(reports[^1].IsComplete);
        Assert.Equal(Size, reports[^1].Bytes);
    }

    [Fact]
    public async Task Put_FourRangesCancelled_NoFinalFilePartIsAPrefixThenResumes()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("up.bin");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new SyncProgress(p => { if (p.Bytes > 0 && !p.IsComplete) { cts.Cancel(); } });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.PutAsync(source, scratch["up.bin"], Ranged, progress, cts.Token));

        Assert.False(await s.ExistsAsync(scratch["up.bin"], Ct));
        await AssertPartIsAPrefixAsync(s, scratch["up.bin.part"], source);
        var resumed = await s.PutAsync(source, scratch["up.bin"], Ranged, cancellationToken: Ct);
        Assert.Equal(await TransferTests.Sha256Async(source), resumed.Sha256);
        Assert.False(await s.ExistsAsync(scratch["up.bin.part"], Ct));
    }

    [Fact]
    public async Task Put_FourRangesCutWithRetriesOff_ResumesFromTheCompletePrefix()
    {
        // Every connection is cut at once, so none is left to cut the .part back: the blocks in flight on each
        // connection may have left gaps, and the resume must start from the prefix known complete, not from the .part's size.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("cut.bin");
        // A first put leaves the pool's connections open, so all four ranges are writing when the cut comes.
        await s.PutAsync(source, scratch["warm.bin"], Ranged, cancellationToken: Ct);

        proxy.CutUploadAfter(8 << 20);
        await Assert.ThrowsAsync<SftpTransferException>(() => s.PutAsync(source, scratch["cut.bin"], Ranged with { Retries = 0 }, cancellationToken: Ct));

        Assert.Equal(1, proxy.Cuts);
        await s.ReconnectAsync(Ct);
        Assert.False(await s.ExistsAsync(scratch["cut.bin"], Ct));
        // The ranges may have gaps: they are kept where no resume reads them, until this session recovers the prefix.
        Assert.True(await s.ExistsAsync(scratch["cut.bin.part.ranges"], Ct));
        var resumed = await s.PutAsync(source, scratch["cut.bin"], Ranged, cancellationToken: Ct);
        Assert.Equal(await TransferTests.Sha256Async(source), resumed.Sha256);
        Assert.Equal(await TransferTests.Sha256Async(source), await RemoteSha256Async(s, scratch["cut.bin"]));
    }

    [Fact]
    public async Task Put_FourRangesCutThenANewSession_NeverResumesAcrossTheGaps()
    {
        // The process that knew the complete prefix is gone (a new session stands for a new process): what it left
        // must not be taken for a resumable .part, whose size would skip the blocks that never arrived.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        var source = RandomFile("gone.bin");
        string target;
        await using (var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct))
        {
            await using var scratch = await RemoteScratch.CreateAsync(s);
            target = scratch["gone.bin"];
            await s.PutAsync(source, scratch["warm.bin"], Ranged, cancellationToken: Ct);
            proxy.CutUploadAfter(8 << 20);
            await Assert.ThrowsAsync<SftpTransferException>(() => s.PutAsync(source, target, Ranged with { Retries = 0 }, cancellationToken: Ct));
            Assert.Equal(1, proxy.Cuts);
            await s.ReconnectAsync(Ct); // only to clean the scratch folder up at the end

            await using var next = await server.ConnectAsync("key", cancellationToken: Ct);
            var again = await next.PutAsync(source, target, Ranged with { Verify = TransferVerification.Size }, cancellationToken: Ct);

            Assert.Equal(await TransferTests.Sha256Async(source), await RemoteSha256Async(next, target));
            Assert.Equal(new FileInfo(source).Length, again.Size);
        }
    }

    [Fact]
    public async Task Put_FourRangesCutWithDefaultRetries_ReconnectsResumesAndMatches()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var source = RandomFile("cut.bin");

        proxy.CutUploadAfter(8 << 20);
        var result = await s.PutAsync(source, scratch["cut.bin"], Ranged with { RetryDelay = TimeSpan.Zero }, cancellationToken: Ct);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(1, result.Retries);
        Assert.Equal(await TransferTests.Sha256Async(source), result.Sha256);
        Assert.False(await s.ExistsAsync(scratch["cut.bin.part"], Ct));
    }

    /// <summary>The remote .part holds exactly the first bytes of the source: no gaps past a complete prefix.</summary>
    private static async Task AssertPartIsAPrefixAsync(SftpSession s, string part, string source)
    {
        using var remote = new MemoryStream();
        if (await s.ExistsAsync(part, Ct))
        {
            await s.GetAsync(part, remote, cancellationToken: Ct);
        }

        var expected = (await File.ReadAllBytesAsync(source, Ct)).AsSpan(0, (int)remote.Length).ToArray();
        Assert.Equal(expected, remote.ToArray());
    }

    private static async Task<string> RemoteSha256Async(SftpSession s, string path)
    {
        using var remote = new MemoryStream();
        await s.GetAsync(path, remote, cancellationToken: Ct);
        return Convert.ToHexStringLower(SHA256.HashData(remote.ToArray()));
    }

    private string RandomFile(string name)
    {
        var path = Path.Combine(_local.FullName, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(Size));
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        return path;
    }
}
