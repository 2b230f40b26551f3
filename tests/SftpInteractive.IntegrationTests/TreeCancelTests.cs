using System.Diagnostics;
using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>One token cancels a whole tree job (recursive get, recursive put, search-and-download): every worker stops,
/// nothing under a final name is partial, and the session goes on.</summary>
public sealed class TreeCancelTests : IDisposable
{
    private const int Files = 600;
    private const int CancelAfterFiles = 30;
    private const int Parallelism = 4;
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-cancel-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [InlineData("GetDirectory")]
    [InlineData("PutDirectory")]
    [InlineData("SearchAndDownload")]
    public async Task TreeJob_CancelledMidway_StopsAndLeavesNoPartialFileUnderAFinalName(string job)
    {
        var server = TestServer.Require();
        var kind = job == "PutDirectory" ? FaultKind.PutTree : FaultKind.GetTree;
        await using var scenario = await FaultScenario.CreateAsync(server, kind, _local.FullName, Ct, treeFiles: Files, firstSize: 16_000, step: 100);
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        var target = await scenario.NewTargetAsync(Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sinceCancel = new Stopwatch();
        var progress = new SyncProgress(p =>
        {
            if (p.FilesDone >= CancelAfterFiles && !cts.IsCancellationRequested)
            {
                sinceCancel.Start();
                cts.Cancel();
            }
        });
        var options = new TransferOptions { Parallelism = Parallelism };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job == "SearchAndDownload"
            ? scenario.SearchAndDownloadAsync(s, target, options, progress, cts.Token)
            : scenario.RunAsync(s, target, options, progress, cts.Token));
        var latency = sinceCancel.Elapsed;

        var (finals, parts) = await scenario.AssertNoPartialUnderFinalNamesAsync(target, Ct);
        Assert.InRange(finals, CancelAfterFiles, Files - 1);
        await Task.Delay(500, Ct);
        var (later, _) = await scenario.AssertNoPartialUnderFinalNamesAsync(target, Ct);
        // Nothing keeps moving once the call returned; a remote rename already on the wire may still land (it is
        // complete): one per file in flight, and each connection keeps several files in flight.
        Assert.InRange(later, finals, scenario.IsDownload ? finals : finals + Parallelism * TransferRunner.FilesPerConnection);
        Assert.Equal(scenario.RemoteWorkingDirectory, s.WorkingDirectory);
        Assert.NotEmpty(await s.LsAsync(cancellationToken: Ct));
        FaultFigures.Write(string.Create(CultureInfo.InvariantCulture,
            $"CANCEL job={job} files={Files} cancelled_after>={CancelAfterFiles} final_files={finals} parts_kept={parts} cancel_to_return_ms={latency.TotalMilliseconds:F0}"));
    }
}
