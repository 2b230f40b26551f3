namespace SftpInteractive;

/// <summary>Transfer verbs: they delegate to the session and show live progress through the running host (a progress
/// bar in the terminal, a display updated in place in notebooks).</summary>
public partial class SftpVerbs
{
    /// <summary>Downloads a file (atomic, resumable, verified); shows progress.</summary>
    [Verb(VerbGroup.Transfer, "download a file: atomic .part, resumable, verified, with progress")]
    public TransferResult Get([RemotePath] string remotePath, string localPath, TransferOptions? options = null) =>
        GetAsync(remotePath, localPath, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Get"/>.</summary>
    public Task<TransferResult> GetAsync([RemotePath] string remotePath, string localPath, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.GetAsync(remotePath, localPath, options, progress, cancellationToken));

    /// <summary>Uploads a file (atomic, resumable, verified); shows progress.</summary>
    [Verb(VerbGroup.Transfer, "upload a file: atomic .part, resumable, verified, with progress")]
    public TransferResult Put(string localPath, [RemotePath] string remotePath, TransferOptions? options = null) =>
        PutAsync(localPath, remotePath, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Put"/>.</summary>
    public Task<TransferResult> PutAsync(string localPath, [RemotePath] string remotePath, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.PutAsync(localPath, remotePath, options, progress, cancellationToken));

    /// <summary>What <see cref="GetDirectory"/> would do: files, sizes, conflicts, identical files skipped.</summary>
    [Verb(VerbGroup.Transfer, "dry run of a recursive download: what would move, conflicts, skips")]
    public TransferPlan PlanGet([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null) =>
        PlanGetAsync(remoteDirectory, localDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="PlanGet"/>.</summary>
    public Task<TransferPlan> PlanGetAsync([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        Session.PlanGetAsync(remoteDirectory, localDirectory, options, cancellationToken);

    /// <summary>Downloads a directory tree in parallel over several connections; shows overall progress.</summary>
    [Verb(VerbGroup.Transfer, "download a tree in parallel")]
    public TransferReport GetDirectory([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null) =>
        GetDirectoryAsync(remoteDirectory, localDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="GetDirectory"/>.</summary>
    public Task<TransferReport> GetDirectoryAsync([RemotePath] string remoteDirectory, string localDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.GetDirectoryAsync(remoteDirectory, localDirectory, options, progress, cancellationToken));

    /// <summary>What <see cref="PutDirectory"/> would do.</summary>
    [Verb(VerbGroup.Transfer, "dry run of a recursive upload")]
    public TransferPlan PlanPut(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null) =>
        PlanPutAsync(localDirectory, remoteDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="PlanPut"/>.</summary>
    public Task<TransferPlan> PlanPutAsync(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        Session.PlanPutAsync(localDirectory, remoteDirectory, options, cancellationToken);

    /// <summary>Uploads a directory tree in parallel; shows overall progress.</summary>
    [Verb(VerbGroup.Transfer, "upload a tree in parallel")]
    public TransferReport PutDirectory(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null) =>
        PutDirectoryAsync(localDirectory, remoteDirectory, options).GetAwaiter().GetResult();

    /// <summary>Async <see cref="PutDirectory"/>.</summary>
    public Task<TransferReport> PutDirectoryAsync(string localDirectory, [RemotePath] string remoteDirectory, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        WithProgressAsync(progress => Session.PutDirectoryAsync(localDirectory, remoteDirectory, options, progress, cancellationToken));

    private static async Task<T> WithProgressAsync<T>(Func<IProgress<TransferProgress>?, Task<T>> transfer)
    {
        using var progress = VerbHost.Current?.StartProgress();
        return await transfer(progress).ConfigureAwait(false);
    }
}
