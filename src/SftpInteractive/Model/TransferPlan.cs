using System.Collections;
using System.Globalization;

namespace SftpInteractive;

/// <summary>What a recursive transfer would do, file by file, before anything moves (a dry run). Shows as a table.</summary>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed class TransferPlan : IReadOnlyList<TransferPlanItem>, IRichDisplay, ITabular
{
    private readonly IReadOnlyList<TransferPlanItem> _items;

    /// <summary>Creates a plan.</summary>
    public TransferPlan(TransferDirection direction, string sourceRoot, string destinationRoot, IReadOnlyList<TransferPlanItem> items,
        IReadOnlyList<PathError>? failures = null)
    {
        Direction = direction;
        SourceRoot = sourceRoot;
        DestinationRoot = destinationRoot;
        _items = items;
        Failures = failures ?? [];
    }

    /// <summary>Download or upload.</summary>
    public TransferDirection Direction { get; }

    /// <summary>The source folder.</summary>
    public string SourceRoot { get; }

    /// <summary>The target folder.</summary>
    public string DestinationRoot { get; }

    /// <summary>Folders that could not be listed while planning (the plan covers the rest).</summary>
    public IReadOnlyList<PathError> Failures { get; }

    /// <summary>Files that will move.</summary>
    public IEnumerable<TransferPlanItem> ToMove => _items.Where(i => i.WillMove);

    /// <summary>Files skipped because the target is already identical.</summary>
    public IEnumerable<TransferPlanItem> Identical => _items.Where(i => i.Action == TransferAction.SkipIdentical);

    /// <summary>Files left alone because the target exists and the policy is <see cref="OverwritePolicy.Never"/>.</summary>
    public IEnumerable<TransferPlanItem> Conflicts => _items.Where(i => i.Action == TransferAction.Conflict);

    /// <summary>Bytes that will go over the wire.</summary>
    public long BytesToMove => _items.Sum(i => i.BytesToMove);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public TransferPlanItem this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<TransferPlanItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line: counts and bytes.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{(Direction == TransferDirection.Download ? $"get {SourceRoot} -> {LocalPaths.Display(DestinationRoot)}" : $"put {LocalPaths.Display(SourceRoot)} -> {DestinationRoot}")}: {ToMove.Count()} to move " +
        $"({Format.Bytes(BytesToMove)}), {Identical.Count()} identical, {Format.Count(Conflicts.Count(), "conflict")}, {Format.Count(Failures.Count, "error")}");

    /// <inheritdoc />
    public DisplayTable ToTable()
    {
        var table = new DisplayTable("Transfer plan", "Action", "Size", "Modified (UTC)", "Path").AlignRight(1);
        table.AddRows(_items.OrderBy(i => i.Action).ThenBy(i => i.RelativePath, StringComparer.Ordinal), i =>
        {
            var size = i.Action == TransferAction.Resume
                ? $"{Format.Bytes(i.Size - i.ResumeFrom)} of {Format.Bytes(i.Size)}"
                : i.Size.ToString("N0", CultureInfo.InvariantCulture);
            return [i.Action.ToString(), size, Format.Time(i.ModifiedUtc), i.RelativePath];
        });

        table.Footer = Summary + (Failures.Count > 0 ? "\n" + string.Join("\n", Failures.Take(20)) : string.Empty);
        return table;
    }

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => Summary;
}
