namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>Recursive search: a glob such as <c>"wmr1006.csv"</c> or <c>"**/history/*.csv"</c>, or full <see cref="FindOptions"/>.</summary>
    [Verb(VerbGroup.Find, "recursive search: glob, regex, type, size, time, depth")]
    public FindResult Find([RemotePath] string root, FindOptions? options = null) => Session.FindAllAsync(root, options).GetAwaiter().GetResult();

    /// <summary>Streams matches as they are found.</summary>
    public IAsyncEnumerable<RemoteEntry> FindAsync([RemotePath] string root, FindOptions? options = null, CancellationToken cancellationToken = default) =>
        Session.FindAsync(root, options, cancellationToken: cancellationToken);

    /// <summary>Finds every match under <paramref name="root"/> and downloads them all (or, with
    /// <paramref name="dryRun"/>, shows the plan); local folders mirror the remote ones.</summary>
    [Verb(VerbGroup.Find, "find every match and download them all")]
    public SearchDownloadResult SearchAndDownload([RemotePath] string root, FindOptions pattern, string localDirectory, bool dryRun = false, TransferOptions? options = null) =>
        SearchAndDownloadAsync(root, pattern, localDirectory, dryRun, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="SearchAndDownload"/>.</summary>
    public Task<SearchDownloadResult> SearchAndDownloadAsync([RemotePath] string root, FindOptions pattern, string localDirectory, bool dryRun = false,
        TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.SearchAndDownloadAsync(root, pattern, localDirectory, dryRun, options, progress, cancellationToken));
}
