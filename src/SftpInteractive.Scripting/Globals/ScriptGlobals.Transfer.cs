namespace SftpInteractive.Scripting;

/// <summary>Transfer, search and preview verbs: they delegate to the session and show live progress through the
/// host's display (a progress bar in the terminal, a display updated in place in notebooks).</summary>
public partial class ScriptGlobals
{
    /// <summary>Downloads a file (atomic, resumable, verified); shows progress.</summary>
    public TransferResult Get([RemotePath] string remotePath, string localPath, TransferOptions? options = null) =>
        GetAsync(remotePath, localPath, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Get"/>.</summary>
    public Task<TransferResult> GetAsync([RemotePath] string remotePath, string localPath, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.GetAsync(remotePath, localPath, options, progress, cancellationToken));

    /// <summary>Uploads a file (atomic, resumable, verified); shows progress.</summary>
    public TransferResult Put(string localPath, [RemotePath] string remotePath, TransferOptions? options = null) =>
        PutAsync(localPath, remotePath, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Put"/>.</summary>
    public Task<TransferResult> PutAsync(string localPath, [RemotePath] string remotePath, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.PutAsync(localPath, remotePath, options, progress, cancellationToken));

    /// <summary>What <see cref="GetDirectory"/> would do: files, sizes, conflicts, identical files skipped.</summary>
    public TransferPlan PlanGet([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null) =>
        Session.PlanGetAsync(remoteDirectory, localDirectory, options).GetAwaiter().GetResult();

    /// <summary>Downloads a directory tree in parallel over several connections; shows overall progress.</summary>
    public TransferReport GetDirectory([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null) =>
        GetDirectoryAsync(remoteDirectory, localDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="GetDirectory"/>.</summary>
    public Task<TransferReport> GetDirectoryAsync([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.GetDirectoryAsync(remoteDirectory, localDirectory, options, progress, cancellationToken));

    /// <summary>What <see cref="PutDirectory"/> would do.</summary>
    public TransferPlan PlanPut(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null) =>
        Session.PlanPutAsync(localDirectory, remoteDirectory, options).GetAwaiter().GetResult();

    /// <summary>Uploads a directory tree in parallel; shows overall progress.</summary>
    public TransferReport PutDirectory(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null) =>
        PutDirectoryAsync(localDirectory, remoteDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="PutDirectory"/>.</summary>
    public Task<TransferReport> PutDirectoryAsync(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.PutDirectoryAsync(localDirectory, remoteDirectory, options, progress, cancellationToken));

    /// <summary>Recursive search: a glob such as <c>"wmr1006.csv"</c> or <c>"**/history/*.csv"</c>, or full <see cref="FindOptions"/>.</summary>
    public FindResult Find([RemotePath] string root, FindOptions? options = null) => Session.Find(root, options);

    /// <summary>Streams matches as they are found.</summary>
    public IAsyncEnumerable<RemoteEntry> FindAsync([RemotePath] string root, FindOptions? options = null, CancellationToken cancellationToken = default) =>
        Session.FindAsync(root, options, cancellationToken: cancellationToken);

    /// <summary>Finds every match under <paramref name="root"/> and downloads them all (or, with
    /// <paramref name="dryRun"/>, shows the plan); local folders mirror the remote ones.</summary>
    public SearchDownloadResult SearchAndDownload([RemotePath] string root, FindOptions pattern, string localDirectory, bool dryRun = false, TransferOptions? options = null) =>
        SearchAndDownloadAsync(root, pattern, localDirectory, dryRun, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="SearchAndDownload"/>.</summary>
    public Task<SearchDownloadResult> SearchAndDownloadAsync([RemotePath] string root, FindOptions pattern, string localDirectory, bool dryRun = false,
        TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.SearchAndDownloadAsync(root, pattern, localDirectory, dryRun, options, progress, cancellationToken));

    /// <summary>The first lines of a remote text file, without downloading it.</summary>
    public IReadOnlyList<string> Head([RemotePath] string path, int lines = 10) => Session.Head(path, lines);

    /// <summary>The last lines of a remote text file (reads only the end).</summary>
    public IReadOnlyList<string> Tail([RemotePath] string path, int lines = 10) => Session.Tail(path, lines);

    /// <summary>A remote text file's content (refused above the size cap).</summary>
    public string ReadText([RemotePath] string path, long maxBytes = 1024 * 1024) => Session.ReadText(path, maxBytes);

    /// <summary>The header and first rows of a remote CSV, as a table.</summary>
    public CsvPreview Csv([RemotePath] string path, int rows = 20, char separator = ',') => Session.Csv(path, rows, separator);

    private static async Task<T> WithProgressAsync<T>(Func<IProgress<TransferProgress>, Task<T>> transfer)
    {
        using var progress = new ProgressDisplay(Sink);
        return await transfer(progress).ConfigureAwait(false);
    }
}
