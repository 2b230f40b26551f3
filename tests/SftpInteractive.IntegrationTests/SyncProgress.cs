namespace SftpInteractive.IntegrationTests;

/// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post later, after a cancel already happened).</summary>
internal sealed class SyncProgress(Action<TransferProgress> action) : IProgress<TransferProgress>
{
    public void Report(TransferProgress value) => action(value);
}
