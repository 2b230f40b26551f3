using System.Collections;
using System.Globalization;

namespace SftpInteractive;

/// <summary>The outcome of a recursive transfer: one result per file, and the files that failed.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class TransferReport : IReadOnlyList<TransferResult>, IRichDisplay, ITabular
{
    private readonly IReadOnlyList<TransferResult> _results;

    /// <summary>Creates a report.</summary>
    public TransferReport(TransferPlan plan, IReadOnlyList<TransferResult> results, IReadOnlyList<PathError> failures, TimeSpan duration)
    {
        Plan = plan;
        _results = results;
        Failures = failures;
        Duration = duration;
    }

    /// <summary>The plan that was carried out.</summary>
    public TransferPlan Plan { get; }

    /// <summary>Files (and folders, while planning) that failed; the rest of the job went on.</summary>
    public IReadOnlyList<PathError> Failures { get; }

    /// <summary>Wall time of the whole job.</summary>
    public TimeSpan Duration { get; }

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>Bytes sent over the wire.</summary>
    public long BytesMoved => _results.Sum(r => r.BytesMoved);

    /// <inheritdoc />
    public int Count => _results.Count;

    /// <inheritdoc />
    public TransferResult this[int index] => _results[index];

    /// <inheritdoc />
    public IEnumerator<TransferResult> GetEnumerator() => _results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws when any file failed, so scripts can stop on errors.</summary>
    /// <exception cref="SftpTransferException">At least one file failed.</exception>
    public TransferReport EnsureSuccess() => Succeeded ? this
        : throw new SftpTransferException($"{Failures.Count} of {Format.Count(Plan.Count, "file")} failed, first: {Failures[0]}. Run the same call again to resume.");

    /// <summary>One line: counts, bytes, rate.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Format.Count(_results.Count(r => !r.Skipped), "file")} moved ({Format.Bytes(BytesMoved)} in {Format.Duration(Duration)}, " +
        $"{Format.Rate(Duration > TimeSpan.Zero ? BytesMoved / Duration.TotalSeconds : 0)}), {_results.Count(r => r.Skipped)} skipped, {Failures.Count} failed");

    /// <inheritdoc />
    public DisplayTable ToTable()
    {
        var table = new DisplayTable("Transfer", "Action", "Size", "Verified", "Destination").AlignRight(1);
        var rows = _results.Select(r => new[] { r.Action.ToString(), r.Size.ToString("N0", CultureInfo.InvariantCulture), r.Verified, r.Direction == TransferDirection.Download ? LocalPaths.Display(r.Destination) : r.Destination })
            .Concat(Failures.Select(f => new[] { "Failed", string.Empty, string.Empty, f.ToString() }));
        table.AddRows(rows, r => r);

        table.Footer = Summary;
        return table;
    }

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => Summary;
}
