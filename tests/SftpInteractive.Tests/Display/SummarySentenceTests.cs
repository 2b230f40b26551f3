namespace SftpInteractive.Tests.Display;

/// <summary>Every summary line, rendered for none, one and many: singular and plural right, each kind counted as what
/// it is.</summary>
public sealed class SummarySentenceTests
{
    private static readonly DateTime When = new(2026, 11, 23, 10, 5, 0, DateTimeKind.Utc);

    private static List<RemoteEntry> Files(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new RemoteEntry($"f{i}", $"/d/f{i}", RemoteEntryType.File, 10, When, 0x1A4, 0, 0))];

    [Theory]
    [InlineData(0, "0 entries: 0 directories, 0 files, 0 B in files")]
    [InlineData(1, "1 entry: 0 directories, 1 file, 10 B in files")]
    [InlineData(3, "3 entries: 0 directories, 3 files, 30 B in files")]
    public void Listing_Footer(int n, string expected) => Assert.Equal(expected, new RemoteListing("/d", Files(n)).ToTable().Footer);

    [Theory]
    [InlineData(1, 0, "3 entries: 1 directory, 1 file, 1 link, 10 B in files")]
    [InlineData(2, 1, "5 entries: 1 directory, 1 file, 2 links, 1 other, 10 B in files")]
    [InlineData(0, 2, "4 entries: 1 directory, 1 file, 2 others, 10 B in files")]
    public void Listing_Footer_CountsLinksAsLinksAndOthersApart(int links, int others, string expected)
    {
        // notebook 01's /data said "1 other" for its symbolic link latest@.
        List<RemoteEntry> entries =
        [
            new("d", "/d/d", RemoteEntryType.Directory, 4096, When, 0x41ED, 0, 0),
            .. Files(1),
            .. Enumerable.Range(0, links).Select(i => new RemoteEntry($"l{i}", $"/d/l{i}", RemoteEntryType.Symlink, 29, When, 0xA1FF, 0, 0)),
            .. Enumerable.Range(0, others).Select(i => new RemoteEntry($"s{i}", $"/d/s{i}", RemoteEntryType.Other, 0, When, 0xC1ED, 0, 0)),
        ];

        Assert.Equal(expected, new RemoteListing("/d", entries).ToTable().Footer);
    }

    [Theory]
    [InlineData(0, 0, "0 matches in 1.0 s")]
    [InlineData(1, 1, "1 match in 1.0 s; 1 folder could not be read:")]
    [InlineData(3, 2, "3 matches in 1.0 s; 2 folders could not be read:")]
    public void Find_Footer(int n, int errors, string expected)
    {
        var failures = Enumerable.Range(0, errors).Select(i => new PathError($"/d/x{i}", "permission denied")).ToList();

        var footer = new FindResult("/d", "*", Files(n), failures, TimeSpan.FromSeconds(1)).ToTable().Footer!;

        Assert.Equal(expected, footer.Split('\n')[0]);
    }

    [Theory]
    [InlineData(0, "0 to move (0 B), 0 identical, 0 conflicts, 0 errors")]
    [InlineData(1, "1 to move (10 B), 1 identical, 1 conflict, 1 error")]
    [InlineData(3, "3 to move (30 B), 3 identical, 3 conflicts, 3 errors")]
    public void Plan_Summary(int n, string expected)
    {
        var plan = Plan(n);

        Assert.EndsWith(expected, plan.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 files moved (0 B in 1.0 s, 0 B/s), 0 skipped, 0 failed")]
    [InlineData(1, "1 file moved (10 B in 1.0 s, 10 B/s), 0 skipped, 1 failed")]
    [InlineData(3, "3 files moved (30 B in 1.0 s, 30 B/s), 0 skipped, 3 failed")]
    public void Report_Summary(int n, string expected)
    {
        var results = Enumerable.Range(0, n)
            .Select(i => new TransferResult(TransferDirection.Upload, $"/l/f{i}", $"/d/f{i}", TransferAction.Transfer, 10, 10, TimeSpan.FromSeconds(1)))
            .ToList();
        var failures = Enumerable.Range(0, n).Select(i => new PathError($"/d/x{i}", "denied")).ToList();

        var report = new TransferReport(Plan(n), results, failures, TimeSpan.FromSeconds(1));

        Assert.Equal(expected, report.Summary);
        if (n > 0)
        {
            var error = Assert.Throws<SftpTransferException>(() => report.EnsureSuccess());
            Assert.StartsWith(n == 1 ? "1 of 3 files failed" : $"{n} of {3 * n} files failed", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, "Removed 0 entries (0 B) under /d")]
    [InlineData(1, "Removed 1 entry (10 B) under /d\n  /d/f0")]
    [InlineData(3, "Removed 3 entries (30 B) under /d\n  /d/f0\n  /d/f1\n  /d/f2")]
    public void Removal_Text(int n, string expected) =>
        Assert.Equal(expected, new RemovalResult("/d", [.. Files(n).Select(f => f.Path)], false, 10 * n).ToText());

    [Fact]
    public void Removal_ManyPaths_HeadAndTailLikeEveryTable()
    {
        var text = new RemovalResult("/d", [.. Files(250).Select(f => f.Path)], true, 2500).ToText();

        Assert.Contains("  /d/f49\n  … 150 more rows (250 in all)\n  /d/f200\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, "0 matches for * under /d\n")]
    [InlineData(1, 1, "1 match for * under /d (1 folder unreadable)\n")]
    [InlineData(3, 2, "3 matches for * under /d (2 folders unreadable)\n")]
    public void SearchDownload_FirstLine(int n, int errors, string expected)
    {
        var failures = Enumerable.Range(0, errors).Select(i => new PathError($"/d/x{i}", "denied")).ToList();
        var result = new SearchDownloadResult(new FindResult("/d", "*", Files(n), failures, TimeSpan.FromSeconds(1)), Plan(0), null);

        Assert.StartsWith(expected, result.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 rows")]
    [InlineData(1, "1 row")]
    [InlineData(3, "3 rows")]
    public void CsvPreview_Footer(int n, string expected)
    {
        var rows = Enumerable.Range(0, n).Select(i => (IReadOnlyList<string>)[$"{i}"]).ToList();

        Assert.Equal(expected, new CsvPreview("/d/a.csv", ["n"], rows, false).ToTable().Footer);
    }

    [Theory]
    [InlineData(1, 1, "… 1 more row (1 in all)")]
    [InlineData(5, 105, "… 5 more rows (105 in all)")]
    public void MoreLine(int hidden, int total, string expected) => Assert.Equal(expected, DisplayOptions.MoreLine(hidden, total));

    private static TransferPlan Plan(int n)
    {
        var items = new List<TransferPlanItem>();
        foreach (var action in new[] { TransferAction.Transfer, TransferAction.SkipIdentical, TransferAction.Conflict })
        {
            items.AddRange(Enumerable.Range(0, n).Select(i => new TransferPlanItem($"/l/{action}{i}", $"/d/{action}{i}", $"{action}{i}", 10, When, action)));
        }

        var failures = Enumerable.Range(0, n).Select(i => new PathError($"/d/x{i}", "denied")).ToList();
        return new TransferPlan(TransferDirection.Upload, "/l", "/d", items, failures);
    }
}
