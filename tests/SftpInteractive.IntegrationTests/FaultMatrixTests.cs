using System.Diagnostics;
using System.Globalization;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// The fault matrix: get, put, recursive get and recursive put, each cut by the fault proxy at spread-out byte offsets.
/// With retries the job must finish by itself with sha256-identical files; without, it must fail with one clear error,
/// leave nothing partial under a final name, and resume after Reconnect(). The working directory survives every cut.
/// </summary>
public sealed class FaultMatrixTests : IDisposable
{
    private const int RetryingOffsets = 20;
    private const int FailingOffsets = 6;
    private const int PlanningOffsets = 6;
    private static readonly TransferOptions Retrying = new()
    {
        Retries = 3, RetryDelay = TimeSpan.FromMilliseconds(20), Parallelism = 3, Verify = TransferVerification.Size,
    };

    private static readonly TransferOptions NoRetries = Retrying with { Retries = 0 };
    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("sftpi-faults-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The transfers both fault theories cut: each kind over SSH.NET, single files over OpenSSH too.</summary>
    public static TheoryData<FaultKind, SftpTransport> Transfers => new()
    {
        { FaultKind.Get, SftpTransport.SshNet },
        { FaultKind.Put, SftpTransport.SshNet },
        { FaultKind.GetTree, SftpTransport.SshNet },
        { FaultKind.PutTree, SftpTransport.SshNet },
        { FaultKind.Get, SftpTransport.OpenSsh },
        { FaultKind.Put, SftpTransport.OpenSsh },
    };

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(Transfers))]
    public async Task Transfer_CutAtTwentyOffsets_RetriesResumeAndFilesMatchTheSource(FaultKind kind, SftpTransport transport)
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var scenario = await FaultScenario.CreateAsync(server, kind, _local.FullName, Ct);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy, o => o.Transport = transport), Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        var watch = Stopwatch.StartNew();
        var span = await MeasureCleanRunAsync(proxy, scenario, s, Retrying);
        var offsets = FaultScenario.SpreadOffsets(span, RetryingOffsets);
        long verified = 0;
        var retries = 0;

        foreach (var offset in offsets)
        {
            var target = await scenario.NewTargetAsync(Ct);
            var cuts = proxy.Cuts;
            Arm(proxy, scenario, offset);
            var (results, failures) = await scenario.RunAsync(s, target, Retrying, null, Ct);
            Disarm(proxy);

            Assert.True(proxy.Cuts == cuts + 1, $"the cut at byte {offset:N0} of {span:N0} did not fire");
            Assert.True(failures.Count == 0, $"cut at {offset:N0}: {string.Join("; ", failures)}");
            Assert.Contains(results, r => r.Retries > 0);
            verified += await scenario.AssertCompleteAsync(target, Ct);
            retries += results.Sum(r => r.Retries);
            Assert.Equal(scenario.RemoteWorkingDirectory, s.WorkingDirectory);
            Assert.Contains(await s.LsAsync(cancellationToken: Ct), e => e.Name == (scenario.IsDownload ? "src" : "run1"));
        }

        FaultFigures.Write(string.Create(CultureInfo.InvariantCulture,
            $"FAULTS kind={kind} transport={transport} policy=retries:{Retrying.Retries} cuts={offsets.Length} survived={offsets.Length} failed=0 retries={retries} " +
            $"files/run={scenario.SourceFiles} bytes/run={scenario.SourceBytes} span={span} bytes_verified_sha256={verified} " +
            $"seconds={watch.Elapsed.TotalSeconds:F1} offsets={string.Join(',', offsets)}"));
    }

    /// <summary>The window sshd gives a session channel (OpenSSH's channels.h CHAN_SES_WINDOW_DEFAULT): 2 MiB.</summary>
    private const long OpenSshChannelWindow = 2 << 20;

    [Theory]
    [MemberData(nameof(Transfers))]
    public async Task Transfer_CutWithRetriesOff_FailsCleanlyThenResumesAfterReconnect(FaultKind kind, SftpTransport transport)
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var scenario = await FaultScenario.CreateAsync(server, kind, _local.FullName, Ct);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy, o => o.Transport = transport), Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        var watch = Stopwatch.StartNew();
        var span = await MeasureCleanRunAsync(proxy, scenario, s, NoRetries);
        var offsets = FaultScenario.SpreadOffsets(span, FailingOffsets);
        long verified = 0;
        long resumedBytes = 0;
        var resumable = 0;

        foreach (var offset in offsets)
        {
            var target = await scenario.NewTargetAsync(Ct);
            var cuts = proxy.Cuts;
            Arm(proxy, scenario, offset);
            if (kind is FaultKind.Get or FaultKind.Put)
            {
                var e = await Assert.ThrowsAsync<SftpTransferException>(() => scenario.RunAsync(s, target, NoRetries, null, Ct));
                Assert.Contains("Retries = 0", e.Message, StringComparison.Ordinal);
                Assert.Contains(".part", e.Message, StringComparison.Ordinal);
                Assert.Contains("Reconnect()", e.Message, StringComparison.Ordinal);
            }
            else
            {
                var (_, failures) = await scenario.RunAsync(s, target, NoRetries, null, Ct);
                Assert.Contains(failures, f => f.Message.Contains("Retries = 0", StringComparison.Ordinal));
            }

            Disarm(proxy);
            Assert.True(proxy.Cuts == cuts + 1, $"the cut at byte {offset:N0} of {span:N0} did not fire");
            await scenario.AssertNoPartialUnderFinalNamesAsync(target, Ct);
            var parts = await scenario.FilledPartsAsync(target, Ct);
            // A tree job can be cut while files are being opened (their .part files still empty): then there is nothing
            // to resume and the re-run below simply transfers the rest. Most cuts must leave something to resume.
            if (parts > 0)
            {
                resumable++;
            }

            await s.ReconnectAsync(Ct);
            Assert.Equal(scenario.RemoteWorkingDirectory, s.WorkingDirectory);
            var (results, resumedFailures) = await scenario.RunAsync(s, target, NoRetries, null, Ct);
            Assert.True(resumedFailures.Count == 0, string.Join("; ", resumedFailures));
            if (parts > 0)
            {
                Assert.Contains(results, r => r.Action == TransferAction.Resume);
            }

            if (parts > 0 && kind is FaultKind.Get or FaultKind.Put)
            {
                Assert.True(results[0].BytesMoved < results[0].Size, $"cut at {offset:N0}: the resume moved the whole file again");
            }

            resumedBytes += results.Sum(r => r.Size - r.BytesMoved);
            verified += await scenario.AssertCompleteAsync(target, Ct);
        }

        // A cut is a RST: the server's kernel drops what sshd had not read yet. sshd's session channel window lets a
        // put have 2 MiB in flight beyond what the server wrote; `ssh` fills that window at once (SSH.NET, slower per
        // byte, seldom does), so on a loaded machine a cut in the 4 MiB file's first half may leave nothing (a fresh
        // clone's run: 3 of 6). There, most of the cuts past the first window must leave something.
        var required = transport == SftpTransport.OpenSsh && kind == FaultKind.Put
            ? offsets.Count(o => o > OpenSshChannelWindow) - 1
            : offsets.Length - 2;
        Assert.True(resumable >= required, $"only {resumable} of {offsets.Length} cuts left a .part to resume from");
        FaultFigures.Write(string.Create(CultureInfo.InvariantCulture,
            $"FAULTS kind={kind} transport={transport} policy=retries:0 cuts={offsets.Length} failed_cleanly={offsets.Length} resumed_after_reconnect={offsets.Length} " +
            $"bytes_not_resent={resumedBytes} files/run={scenario.SourceFiles} bytes/run={scenario.SourceBytes} span={span} " +
            $"bytes_verified_sha256={verified} seconds={watch.Elapsed.TotalSeconds:F1} offsets={string.Join(',', offsets)}"));
    }

    [Fact]
    public async Task Get_CutWithRetriesOff_PartHoldsEveryReplyThatArrived()
    {
        // SSH.NET's DownloadFileAsync failed its whole read-ahead (up to 100 replies) with the connection: a cut 1.5 MB
        // into a 4 MiB get kept nothing. Each reply is now written as it arrives, so the .part holds most of what the
        // server sent before the cut. The cut is a FIN, so the client reads all that was forwarded (a RST makes its
        // kernel drop what was still unread). Idle, the .part lacked only the framing and the reply the cut fell in;
        // in loaded full suites it kept as little as 0.2 MB of 1.5 MB (SSH.NET fails the replies it has received but
        // not yet handed over when the connection ends), so the bar is whole replies kept, which the old path never did.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port) { CutWithFin = true };
        await using var scenario = await FaultScenario.CreateAsync(server, FaultKind.Get, _local.FullName, Ct);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        var span = await MeasureCleanRunAsync(proxy, scenario, s, NoRetries);

        foreach (var offset in new[] { span * 3 / 8, span * 5 / 8 })
        {
            var target = await scenario.NewTargetAsync(Ct);
            Arm(proxy, scenario, offset);
            await Assert.ThrowsAsync<SftpTransferException>(() => scenario.RunAsync(s, target, NoRetries, null, Ct));
            Disarm(proxy);

            var part = new FileInfo(Path.Combine(target, "data.bin" + FileTransfer.PartSuffix));
            Assert.True(part.Exists, $"the cut at {offset:N0} of {span:N0} bytes left no .part");
            Assert.True(part.Length >= 64 * 1024,
                $"the cut at {offset:N0} of {span:N0} bytes kept only {part.Length:N0} bytes of what had arrived");
            Assert.True(part.Length <= offset, $"the .part holds {part.Length:N0} bytes, more than the {offset:N0} that arrived");
            await s.ReconnectAsync(Ct);
            var (results, failures) = await scenario.RunAsync(s, target, NoRetries, null, Ct);
            Assert.Empty(failures);
            Assert.Equal(TransferAction.Resume, results[0].Action);
            Assert.Equal(results[0].Size - part.Length, results[0].BytesMoved);
            await scenario.AssertCompleteAsync(target, Ct);
        }
    }

    [Theory]
    [InlineData(FaultKind.Get)]
    [InlineData(FaultKind.Put)]
    [InlineData(FaultKind.GetTree)]
    [InlineData(FaultKind.PutTree)]
    public async Task Transfer_ServerGoneAfterCut_RetriesRunOutWithOneClearErrorThenResume(FaultKind kind)
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var scenario = await FaultScenario.CreateAsync(server, kind, _local.FullName, Ct);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        var span = await MeasureCleanRunAsync(proxy, scenario, s, Retrying);
        var target = await scenario.NewTargetAsync(Ct);

        proxy.RefuseNewConnections = true;
        Arm(proxy, scenario, span * 3 / 4);
        string message;
        if (kind is FaultKind.Get or FaultKind.Put)
        {
            message = (await Assert.ThrowsAsync<SftpTransferException>(() => scenario.RunAsync(s, target, Retrying, null, Ct))).Message;
        }
        else
        {
            var (_, failures) = await scenario.RunAsync(s, target, Retrying, null, Ct);
            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.Matches("retries \\(reconnect, then resume\\) failed|Not attempted", f.Message));
            message = failures[0].Message;
        }

        Assert.Contains($"all {Retrying.Retries} retries (reconnect, then resume) failed", message, StringComparison.Ordinal);
        Assert.Contains("Reconnect()", message, StringComparison.Ordinal);
        Assert.Contains(".part", message, StringComparison.Ordinal);
        Assert.True(proxy.Refused >= Retrying.Retries, $"only {proxy.Refused} reconnects were attempted");
        await scenario.AssertNoPartialUnderFinalNamesAsync(target, Ct);
        // A single file always keeps data to resume; a tree job's files in flight at the cut may have none on disk yet
        // (still being opened), and those simply transfer again.
        var parts = await scenario.FilledPartsAsync(target, Ct);
        Assert.True(parts > 0 || kind is FaultKind.GetTree or FaultKind.PutTree, "the cut single-file transfer kept no data to resume from");

        proxy.RefuseNewConnections = false;
        await s.ReconnectAsync(Ct);
        Assert.Equal(scenario.RemoteWorkingDirectory, s.WorkingDirectory);
        var (results, resumedFailures) = await scenario.RunAsync(s, target, Retrying, null, Ct);
        Assert.Empty(resumedFailures);
        if (parts > 0)
        {
            Assert.Contains(results, r => r.Action == TransferAction.Resume);
        }

        await scenario.AssertCompleteAsync(target, Ct);
        FaultFigures.Write($"EXHAUSTED kind={kind} refused_reconnects={proxy.Refused} message=\"{message}\"");
    }

    [Theory]
    [InlineData("GetDirectory")]
    [InlineData("PutDirectory")]
    [InlineData("SearchAndDownload")]
    public async Task TreeJob_CutWhilePlanning_PlanningStartsOverAndNoFileIsLeftOut(string job)
    {
        // Planning (pool handshakes, the walk, remote folders) happens before any file moves; cuts there must not
        // leave files out of the job. Each run uses a fresh session so its planning bytes match the measured ones.
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var scenario = await FaultScenario.CreateAsync(server, job == "PutDirectory" ? FaultKind.PutTree : FaultKind.GetTree, _local.FullName, Ct);
        var watch = Stopwatch.StartNew();
        long span;
        await using (var s = await ConnectViaAsync(server, proxy, scenario))
        {
            var before = proxy.ServerToClientBytes;
            var plan = await PlanAsync(s, job, await scenario.NewTargetAsync(Ct));
            span = proxy.ServerToClientBytes - before;
            Assert.True(plan, "the clean plan reported errors");
        }

        var offsets = FaultScenario.SpreadOffsets(span, PlanningOffsets);
        long verified = 0;
        foreach (var offset in offsets)
        {
            await using var s = await ConnectViaAsync(server, proxy, scenario);
            var target = await scenario.NewTargetAsync(Ct);
            var cuts = proxy.Cuts;
            proxy.CutDownloadAfter(offset);
            IReadOnlyList<PathError> failures;
            if (job == "SearchAndDownload")
            {
                var found = await scenario.SearchAndDownloadAsync(s, target, Retrying, null, Ct);
                failures = [.. found.Matches.Errors, .. found.Report!.Failures];
            }
            else
            {
                failures = (await scenario.RunAsync(s, target, Retrying, null, Ct)).Failures;
            }

            Disarm(proxy);

            Assert.True(proxy.Cuts == cuts + 1, $"the cut at byte {offset:N0} of {span:N0} did not fire");
            Assert.True(failures.Count == 0, $"cut at {offset:N0}: {string.Join("; ", failures)}");
            verified += await scenario.AssertCompleteAsync(target, Ct);
            Assert.Equal(scenario.RemoteWorkingDirectory, s.WorkingDirectory);
        }

        FaultFigures.Write(string.Create(CultureInfo.InvariantCulture,
            $"FAULTS kind={job}-planning policy=retries:{Retrying.Retries} cuts={offsets.Length} survived={offsets.Length} failed=0 " +
            $"files/run={scenario.SourceFiles} planning_span={span} bytes_verified_sha256={verified} seconds={watch.Elapsed.TotalSeconds:F1} offsets={string.Join(',', offsets)}"));
    }

    private static async Task<SftpSession> ConnectViaAsync(TestServer server, FaultProxy proxy, FaultScenario scenario)
    {
        var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        await s.CdAsync(scenario.RemoteWorkingDirectory, Ct);
        return s;
    }

    /// <summary>Plans the job (a dry run) and says whether the plan came out clean.</summary>
    private async Task<bool> PlanAsync(SftpSession s, string job, string target) => job switch
    {
        "GetDirectory" => (await s.PlanGetAsync("src", target, Retrying, Ct)).Failures.Count == 0,
        "PutDirectory" => (await s.PlanPutAsync(Path.Combine(_local.FullName, "src"), target, Retrying, Ct)).Failures.Count == 0,
        _ => (await s.SearchAndDownloadAsync("src", "*.bin", target, dryRun: true, Retrying, null, Ct)).Matches.Errors.Count == 0,
    };

    /// <summary>A clean run through the proxy: how many bytes the job moves in the direction that will be cut.</summary>
    private static async Task<long> MeasureCleanRunAsync(FaultProxy proxy, FaultScenario scenario, SftpSession s, TransferOptions options)
    {
        var target = await scenario.NewTargetAsync(Ct);
        var before = Moved(proxy, scenario);
        var (_, failures) = await scenario.RunAsync(s, target, options, null, Ct);
        Assert.Empty(failures);
        await scenario.AssertCompleteAsync(target, Ct);
        return Moved(proxy, scenario) - before;
    }

    private static long Moved(FaultProxy proxy, FaultScenario scenario) => scenario.IsDownload ? proxy.ServerToClientBytes : proxy.ClientToServerBytes;

    private static void Arm(FaultProxy proxy, FaultScenario scenario, long offset)
    {
        if (scenario.IsDownload)
        {
            proxy.CutDownloadAfter(offset);
        }
        else
        {
            proxy.CutUploadAfter(offset);
        }
    }

    private static void Disarm(FaultProxy proxy)
    {
        proxy.CutServerToClientAt = null;
        proxy.CutClientToServerAt = null;
    }
}
