namespace SftpInteractive;

/// <summary>One file of a <see cref="TransferPlan"/>.</summary>
/// <param name="Source">Source path (remote for downloads, local for uploads).</param>
/// <param name="Destination">Final target path.</param>
/// <param name="RelativePath">Path below the source root, with forward slashes.</param>
/// <param name="Size">Source size in bytes.</param>
/// <param name="ModifiedUtc">Source modification time.</param>
/// <param name="Action">What will happen to it.</param>
/// <param name="ResumeFrom">Bytes already in the <c>.part</c> file when resuming.</param>
public sealed record TransferPlanItem(
    string Source, string Destination, string RelativePath, long Size, DateTime ModifiedUtc, TransferAction Action, long ResumeFrom = 0)
{
    /// <summary>True when the file will move (transfer, resume or overwrite).</summary>
    public bool WillMove => Action is TransferAction.Transfer or TransferAction.Resume or TransferAction.Overwrite;

    /// <summary>Bytes that will go over the wire.</summary>
    public long BytesToMove => WillMove ? Size - ResumeFrom : 0;
}
