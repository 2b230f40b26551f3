using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Recursive get/put over the connection pool, plans, containment and search-and-download on the sample tree.</summary>
public sealed class TransferTreeTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-tree-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task GetDirectory_SampleTree_EqualsSourceByteForByteThenSkipsIdentical()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var remote = RemotePath.Combine(server.DataRoot, "WMR_Spots");
        var progress = new List<TransferProgress>();

        var report = await s.GetDirectoryAsync(remote, _local.FullName, new TransferOptions { Parallelism = 4 }, new SyncProgress(progress.Add), Ct);

        Assert.True(report.Succeeded, string.Join("\n", report.Failures));
        Assert.True(report.Count > 1000);
        AssertSameTree(remote, _local.FullName);
        Assert.Empty(Directory.EnumerateFiles(_local.FullName, "*.part", SearchOption.AllDirectories));
        Assert.True(progress[^1].IsComplete);
        var again = await s.PlanGetAsync(remote, _local.FullName, cancellationToken: Ct);
        Assert.All(again, i => Assert.Equal(TransferAction.SkipIdentical, i.Action));
    }

    [Fact]
    public async Task PlanGet_DryRun_WritesNothingAndShowsSizes()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);

        var plan = await s.PlanGetAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots/North"), _local.FullName, cancellationToken: Ct);

        Assert.NotEmpty(plan);
        Assert.All(plan, i => Assert.Equal(TransferAction.Transfer, i.Action));
        Assert.Equal(plan.Sum(i => i.Size), plan.BytesToMove);
        Assert.Empty(_local.EnumerateFileSystemInfos());
        Assert.Contains("to move", plan.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDirectory_LocalTree_ArrivesIntactAndIsIdempotent()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        for (var i = 0; i < 40; i++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_local.FullName, "src", $"d{i % 5}", $"e{i % 3}"));
            File.WriteAllBytes(Path.Combine(dir.FullName, $"f{i}.bin"), RandomNumberGenerator.GetBytes(1000 * i));
        }

        var report = await s.PutDirectoryAsync(Path.Combine(_local.FullName, "src"), scratch["up"], new TransferOptions { Parallelism = 3 }, cancellationToken: Ct);
        Assert.True(report.Succeeded, string.Join("\n", report.Failures));
        Assert.Equal(40, report.Count(r => r.Action == TransferAction.Transfer));

        var back = await s.GetDirectoryAsync(scratch["up"], Path.Combine(_local.FullName, "back"), cancellationToken: Ct);
        Assert.True(back.Succeeded);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_local.FullName, "src"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Path.Combine(_local.FullName, "src"), file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_local.FullName, "back", relative)));
        }

        var again = await s.PlanPutAsync(Path.Combine(_local.FullName, "src"), scratch["up"], cancellationToken: Ct);
        Assert.All(again, i => Assert.Equal(TransferAction.SkipIdentical, i.Action));
    }

    [Fact]
    public async Task PutDirectory_ALoginRefusedAsTheJobOpensItsConnections_RetriesAndCompletes()
    {
        // The job's connections open after planning; a blip there is retried like a drop while a file moves.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        for (var i = 0; i < 6; i++)
        {
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(_local.FullName, "blip")).FullName, $"f{i}.bin"), RandomNumberGenerator.GetBytes(2000 + i));
        }

        proxy.RefuseNext = 1;
        var report = await s.PutDirectoryAsync(Path.Combine(_local.FullName, "blip"), scratch["blip"],
            new TransferOptions { Parallelism = 2, RetryDelay = TimeSpan.FromMilliseconds(50) }, cancellationToken: Ct);

        Assert.True(report.Succeeded, string.Join("\n", report.Failures));
        Assert.Equal(6, report.Count(r => r.Action == TransferAction.Transfer));
        // Over OpenSSH the job's connections are channels of the session's one login: no login for the server to
        // refuse, the refusal waits unused, and the server saw the one connection.
        Assert.Equal(s.Settings.Transport == SftpTransport.OpenSsh ? (1, 0) : (2, 1), (Math.Min(proxy.Connections, 2), proxy.Refused));
        Assert.Equal(6, (await s.LsAsync(scratch["blip"], Ct)).Count);
    }

    [Fact]
    public async Task Get_HostileRemoteNames_AreRefusedAndNothingEscapes()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        // Linux allows a backslash in a name; on a Windows client "..\..\evil.txt" would climb out of the target.
        const string hostile = "..\\..\\evil.txt";
        await s.PutAsync(new MemoryStream([1, 2, 3]), scratch[hostile], cancellationToken: Ct);
        await s.PutAsync(new MemoryStream([4]), scratch["ok.txt"], cancellationToken: Ct);
        var target = Directory.CreateDirectory(Path.Combine(_local.FullName, "target")).FullName;

        var single = await Assert.ThrowsAsync<SftpTransferException>(() => s.GetAsync(scratch[hostile], target, cancellationToken: Ct));
        Assert.Contains("backslash", single.Message, StringComparison.Ordinal);
        var report = await s.GetDirectoryAsync(scratch.Path, target, cancellationToken: Ct);

        var failure = Assert.Single(report.Failures);
        Assert.Contains("Refused", failure.Message, StringComparison.Ordinal);
        Assert.Throws<SftpTransferException>(() => report.EnsureSuccess());
        Assert.Equal(["ok.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal(["target"], Directory.EnumerateFileSystemEntries(_local.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SearchAndDownload_ReturnsEveryMatchMirroringPaths()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var expected = Directory.EnumerateFiles(server.DataRoot, "wmr1006.csv", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).ToList(); // links are not followed

        var dry = await s.SearchAndDownloadAsync(server.DataRoot, "wmr1006.csv", _local.FullName, dryRun: true, cancellationToken: Ct);
        Assert.True(dry.DryRun);
        Assert.Empty(_local.EnumerateFileSystemInfos());
        var result = await s.SearchAndDownloadAsync(server.DataRoot, "wmr1006.csv", _local.FullName, cancellationToken: Ct);

        Assert.True(expected.Count >= 2);
        Assert.Equal(expected.Count, result.Matches.Count);
        Assert.Equal(expected.Count, result.LocalPaths.Count);
        Assert.NotEmpty(result.Matches.Errors); // /data/restricted/locked cannot be read: reported, not fatal
        foreach (var remote in expected)
        {
            var local = Path.Combine(_local.FullName, Path.GetRelativePath(server.DataRoot, remote));
            Assert.Equal(File.ReadAllBytes(remote), File.ReadAllBytes(local));
        }
    }

    /// <summary>The server's /data is on this machine: compare every regular file directly.</summary>
    private static void AssertSameTree(string source, string copy)
    {
        var files = Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => new FileInfo(f).LinkTarget is null).ToList();
        var copied = Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(files.Count, copied.Count);
        foreach (var file in files)
        {
            var twin = Path.Combine(copy, Path.GetRelativePath(source, file));
            Assert.True(File.Exists(twin), twin);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(twin));
            Assert.Equal(File.GetLastWriteTimeUtc(file), File.GetLastWriteTimeUtc(twin), TimeSpan.FromSeconds(1));
        }
    }
}
