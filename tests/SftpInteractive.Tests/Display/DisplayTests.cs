namespace SftpInteractive.Tests.Display;

public sealed class DisplayTests
{
    private static RemoteEntry Entry(string name, RemoteEntryType type, long size, int mode) =>
        new(name, "/d/" + name, type, size, new DateTime(2026, 11, 23, 10, 5, 0, DateTimeKind.Utc), mode, 1000, 1000) { Owner = "alice", Group = "staff" };

    [Fact]
    public void Listing_ToText_IsAlignedTableWithFooter()
    {
        var listing = new RemoteListing("/d", [Entry("a.csv", RemoteEntryType.File, 1234, 0x1A4), Entry("sub", RemoteEntryType.Directory, 4096, 0x1ED)]);

        var text = listing.ToText().Split('\n');

        Assert.Equal("/d", text[0]);
        Assert.StartsWith("Permissions  Owner  Group   Size  Modified (UTC)    Name", text[1], StringComparison.Ordinal);
        Assert.Equal("-rw-r--r--   alice  staff  1,234  2026-11-23 10:05  a.csv", text[3]);
        Assert.Equal("drwxr-xr-x   alice  staff  4,096  2026-11-23 10:05  sub/", text[4]);
        Assert.Equal("2 entries: 1 directory, 1 file, 1.2 KiB in files", text[5]);
    }

    [Fact]
    public void Listing_OneFile_FooterCountsItAsAFileInTheSingular()
    {
        var listing = new RemoteListing("/d", [Entry("a.csv", RemoteEntryType.File, 834, 0x1A4)]);

        Assert.Equal("1 entry: 0 directories, 1 file, 834 B in files", listing.ToText().Split('\n')[^1]);
    }

    [Fact]
    public void Find_OneUnreadableFolder_FooterIsOneSentencePart()
    {
        var found = new FindResult("/d", "a*.csv", [Entry("a.csv", RemoteEntryType.File, 1, 0x1A4)], [new PathError("/d/locked", "permission denied")], TimeSpan.FromMilliseconds(12));

        Assert.StartsWith("1 match in ", found.ToTable().Footer, StringComparison.Ordinal);
        Assert.Contains("; 1 folder could not be read:\n  /d/locked", found.ToTable().Footer, StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_ToHtml_EncodesNamesAndIsSortable()
    {
        var listing = new RemoteListing("/d", [Entry("<b>x&y.csv", RemoteEntryType.File, 1, 0x1A4)]);

        var html = listing.ToHtml();

        Assert.Contains("&lt;b&gt;x&amp;y.csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x&y", html, StringComparison.Ordinal);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains("sftpiSort", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_HugeDirectory_RendersAtMostTheCap()
    {
        var entries = Enumerable.Range(0, 100_000).Select(i => Entry($"f{i}", RemoteEntryType.File, i, 0x1A4)).ToList();

        var table = new RemoteListing("/big", entries).ToTable();

        Assert.Equal(DisplayOptions.DefaultMaxRows, table.Rows.Count);
        Assert.Equal(100_000, table.TotalRows);
        Assert.Contains("100000 entries", table.Footer, StringComparison.Ordinal);
        Assert.Contains("… 99900 more rows (100000 in all)", table.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RemoteEntryType.File, 0x1A4, "-rw-r--r--")]
    [InlineData(RemoteEntryType.Directory, 0x3FF, "drwxrwxrwt")]
    [InlineData(RemoteEntryType.File, 0x9ED, "-rwsr-xr-x")]
    [InlineData(RemoteEntryType.Symlink, 0x1FF, "lrwxrwxrwx")]
    [InlineData(RemoteEntryType.File, 0x000, "----------")]
    public void Permissions_LookLikeLsL(RemoteEntryType type, int mode, string expected) =>
        Assert.Equal(expected, Entry("x", type, 0, mode).Permissions);

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(536870912L, "512.0 MiB")]
    public void Bytes_IsHumanReadable(long bytes, string expected) => Assert.Equal(expected, Format.Bytes(bytes));

    [Fact]
    public void ExecResult_TextIsRedacted()
    {
        Redactor.Register("exec-secret-77");

        var result = new ExecResult("echo", "value exec-secret-77\n", "", 0, TimeSpan.FromMilliseconds(12));

        Assert.DoesNotContain("exec-secret-77", result.ToText(), StringComparison.Ordinal);
        Assert.DoesNotContain("exec-secret-77", result.ToHtml(), StringComparison.Ordinal);
        Assert.Equal(["value exec-secret-77"], result.Lines);
    }

    [Fact]
    public void ExecResult_EnsureSuccess_ThrowsOnNonZeroExit()
    {
        var e = Assert.Throws<SftpCommandException>(() => new ExecResult("false", "", "boom", 1, TimeSpan.Zero).EnsureSuccess());

        Assert.Contains("status 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("boom", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exceptions_ToStringIsOneLineWithoutStackTrace()
    {
        var e = new SftpAuthenticationException("Authentication failed for u@h:22.");

        Assert.Equal("AuthenticationFailed: Authentication failed for u@h:22.", e.ToString());
    }
}
