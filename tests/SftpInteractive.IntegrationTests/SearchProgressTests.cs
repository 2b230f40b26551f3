using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Aggregate progress of a parallel search-and-download: in order, never backwards, and ending complete.</summary>
public sealed class SearchProgressTests : IDisposable
{
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-search-progress-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Fact]
    public async Task SearchAndDownload_WithProgress_ReportsMonotonicAggregateThatEndsComplete()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var reports = new List<TransferProgress>();
        var gate = new Lock();

        var result = await s.SearchAndDownloadAsync(RemotePath.Combine(server.DataRoot, "WMR_Spots"), "**/wmr10*.csv", _local.FullName,
            options: new TransferOptions { Parallelism = 4 }, progress: new SyncProgress(p => { lock (gate) { reports.Add(p); } }), cancellationToken: Ct);

        Assert.True(result.Report!.Succeeded, string.Join("\n", result.Report.Failures));
        Assert.True(result.Matches.Count > 100);
        var totalBytes = result.Matches.Sum(m => m.Size);
        Assert.NotEmpty(reports);
        Assert.All(reports, r =>
        {
            Assert.Equal(totalBytes, r.Total);
            Assert.Equal(result.Matches.Count, r.FilesTotal);
        });
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Bytes >= reports[i - 1].Bytes, $"progress went back from {reports[i - 1].Bytes} to {reports[i].Bytes} at report {i}");
            Assert.True(reports[i].FilesDone >= reports[i - 1].FilesDone, $"files done went back at report {i}");
        }

        var last = reports[^1];
        Assert.True(last.IsComplete);
        Assert.Equal(totalBytes, last.Bytes);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(result.Matches.Count, Directory.EnumerateFiles(_local.FullName, "*.csv", SearchOption.AllDirectories).Count());
    }
}
