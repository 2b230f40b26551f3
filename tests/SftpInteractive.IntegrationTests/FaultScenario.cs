using System.Security.Cryptography;
using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>
/// One kind of transfer for the fault matrix: random source data (so a wrong byte cannot hide), a fresh target per run,
/// and checks that read the final names independently of the code under test: local files are hashed here, remote
/// ones by the server's <c>sha256sum</c> over a separate connection that the proxy never cuts.
/// </summary>
internal sealed class FaultScenario : IAsyncDisposable
{
    private const int SingleFileSize = 4 << 20;
    private readonly SftpSession _direct;
    private readonly RemoteScratch _scratch;
    private readonly string _local;
    private readonly Dictionary<string, string> _expected = new(StringComparer.Ordinal);
    private int _runs;

    private FaultScenario(FaultKind kind, SftpSession direct, RemoteScratch scratch, string local)
    {
        Kind = kind;
        _direct = direct;
        _scratch = scratch;
        _local = local;
    }

    public FaultKind Kind { get; }

    /// <summary>Bytes of source data one complete run delivers.</summary>
    public long SourceBytes { get; private set; }

    /// <summary>Number of source files.</summary>
    public int SourceFiles => _expected.Count;

    public bool IsDownload => Kind is FaultKind.Get or FaultKind.GetTree;

    /// <summary>The remote folder the session under test works in (its working directory must survive every cut).</summary>
    public string RemoteWorkingDirectory => _scratch.Path;

    /// <summary>Sets up the sources: one 4 MiB file, or a tree of <paramref name="treeFiles"/> files in six folders, the
    /// first <paramref name="firstSize"/> bytes, each next one <paramref name="step"/> bytes larger.</summary>
    public static async Task<FaultScenario> CreateAsync(TestServer server, FaultKind kind, string local, CancellationToken cancellationToken,
        int treeFiles = 12, int firstSize = 96_000, int step = 40_000)
    {
        var direct = await server.ConnectAsync("key", cancellationToken: cancellationToken);
        var scratch = await RemoteScratch.CreateAsync(direct);
        var scenario = new FaultScenario(kind, direct, scratch, local);
        await scenario.PrepareAsync(treeFiles, firstSize, step, cancellationToken);
        return scenario;
    }

    /// <summary><paramref name="count"/> cut offsets spread from 12% to 90% of <paramref name="span"/> bytes.</summary>
    /// <remarks>Not earlier: when the connection drops, SSH.NET fails the pipelined reads whose data arrived but was not
    /// yet written, so a cut within the first ~130 KB of a 4 MiB get (3%) sometimes left nothing on disk to resume
    /// from, and the resume assertions had nothing to check.</remarks>
    public static long[] SpreadOffsets(long span, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (long)(span * (0.12 + (0.78 * i / Math.Max(1, count - 1)))))];

    /// <summary>A fresh, empty target for the next run: a local folder for downloads, a remote one for uploads.</summary>
    public async Task<string> NewTargetAsync(CancellationToken cancellationToken)
    {
        var name = $"run{++_runs}";
        if (IsDownload)
        {
            return Directory.CreateDirectory(Path.Combine(_local, name)).FullName;
        }

        await _direct.MkdirAsync(_scratch[name], cancellationToken);
        return _scratch[name];
    }

    /// <summary>Runs the transfer into <paramref name="target"/> through <paramref name="s"/> (the proxied session).</summary>
    public async Task<(IReadOnlyList<TransferResult> Results, IReadOnlyList<PathError> Failures)> RunAsync(SftpSession s, string target,
        TransferOptions options, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var source = Path.Combine(_local, "src");
        switch (Kind)
        {
            case FaultKind.Get:
                // Relative to the working directory on purpose: a reconnect must keep it.
                return ([await s.GetAsync("src/data.bin", Path.Combine(target, "data.bin"), options, progress, cancellationToken)], []);
            case FaultKind.Put:
                return ([await s.PutAsync(Path.Combine(source, "data.bin"), RemotePath.Combine(target, "data.bin"), options, progress, cancellationToken)], []);
            case FaultKind.GetTree:
                var down = await s.GetDirectoryAsync("src", target, options, progress, cancellationToken);
                return ([.. down], down.Failures);
            default:
                var up = await s.PutDirectoryAsync(source, target, options, progress, cancellationToken);
                return ([.. up], up.Failures);
        }
    }

    /// <summary>Search-and-download of every source file (downloads only): the matches mirror the tree's relative paths.</summary>
    public Task<SearchDownloadResult> SearchAndDownloadAsync(SftpSession s, string target, TransferOptions options,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Assert.True(IsDownload, $"{Kind} has no remote source tree to search");
        return s.SearchAndDownloadAsync("src", "*.bin", target, dryRun: false, options, progress, cancellationToken);
    }

    /// <summary>
    /// Every file under a final name in <paramref name="target"/> is one of the sources and identical to it (a partial
    /// file would hash differently). Returns how many final files and how many <c>.part</c> files there are.
    /// </summary>
    public async Task<(int Finals, int Parts)> AssertNoPartialUnderFinalNamesAsync(string target, CancellationToken cancellationToken)
    {
        var files = await HashFilesAsync(target, cancellationToken);
        var finals = files.Where(f => !f.Key.EndsWith(".part", StringComparison.Ordinal)).ToList();
        foreach (var (name, sha) in finals)
        {
            Assert.True(_expected.TryGetValue(name, out var want), $"unexpected file {name} in {target}");
            Assert.True(want == sha, $"{name} in {target} sits under its final name but differs from its source (partial?)");
        }

        return (finals.Count, files.Count - finals.Count);
    }

    /// <summary>How many <c>.part</c> files hold data (an empty one, opened when the cut came, has nothing to resume).</summary>
    public async Task<int> FilledPartsAsync(string target, CancellationToken cancellationToken)
    {
        var empty = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty));
        return (await HashFilesAsync(target, cancellationToken)).Count(f => f.Key.EndsWith(".part", StringComparison.Ordinal) && !string.Equals(f.Value, empty, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every source arrived under its final name, identical, and no <c>.part</c> is left. Returns the bytes verified.</summary>
    public async Task<long> AssertCompleteAsync(string target, CancellationToken cancellationToken)
    {
        var (finals, parts) = await AssertNoPartialUnderFinalNamesAsync(target, cancellationToken);
        Assert.Equal(_expected.Count, finals);
        Assert.Equal(0, parts);
        return SourceBytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _scratch.DisposeAsync();
        await _direct.DisposeAsync();
    }

    private async Task PrepareAsync(int treeFiles, int firstSize, int step, CancellationToken cancellationToken)
    {
        var source = Directory.CreateDirectory(Path.Combine(_local, "src")).FullName;
        if (Kind is FaultKind.Get or FaultKind.Put)
        {
            Write(source, "data.bin", SingleFileSize);
        }
        else
        {
            for (var i = 0; i < treeFiles; i++)
            {
                Write(source, $"d{i % 3}/e{i % 2}/f{i}.bin", firstSize + (i * step));
            }
        }

        if (IsDownload)
        {
            (await _direct.PutDirectoryAsync(source, _scratch["src"], cancellationToken: cancellationToken)).EnsureSuccess();
        }
    }

    private void Write(string root, string relative, int size)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var data = RandomNumberGenerator.GetBytes(size);
        File.WriteAllBytes(path, data);
        _expected[relative] = Convert.ToHexStringLower(SHA256.HashData(data));
        SourceBytes += size;
    }

    private async Task<Dictionary<string, string>> HashFilesAsync(string target, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsDownload)
        {
            foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(target, file).Replace(Path.DirectorySeparatorChar, '/')] = await TransferTests.Sha256Async(file);
            }

            return files;
        }

        var run = await _direct.RunAsync($"cd '{target}' && find . -type f -exec sha256sum {{}} +", cancellationToken);
        Assert.True(run.Succeeded, run.StdErr);
        foreach (var line in run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            files[parts[1].StartsWith("./", StringComparison.Ordinal) ? parts[1][2..] : parts[1]] = parts[0];
        }

        return files;
    }
}
