using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>A directory with 100,000 entries: listing is complete, streaming gives the first entries without
/// waiting for the rest, and rendering stays bounded (hosts show the first rows and a count).</summary>
public sealed class LargeDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ls_100kEntries_ListsAllAndRendersACappedTable()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var huge = await HugeDirectory.EnsureAsync(s, Ct);

        var listing = await s.LsAsync(huge, Ct);
        var text = listing.ToText();
        var html = listing.ToHtml();

        Assert.Equal(HugeDirectory.Count, listing.Count);
        Assert.Equal("file-000000.csv", listing[0].Name);
        Assert.Equal(DisplayOptions.DefaultMaxRows + 5, text.Split('\n').Length); // title, header, rule, rows, "… more", footer
        Assert.Contains("file-099999.csv", text, StringComparison.Ordinal); // the last rows show too
        Assert.Contains("100000 entries", text, StringComparison.Ordinal);
        Assert.True(html.Length < 400_000, $"HTML for a capped table should stay small, was {html.Length} chars");
    }

    [Fact]
    public async Task ListAsync_100kEntries_StreamsTheFirstEntriesAndCanStopEarly()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var huge = await HugeDirectory.EnsureAsync(s, Ct);
        var seen = 0;

        await foreach (var _ in s.ListAsync(huge, Ct))
        {
            if (++seen == 50)
            {
                break;
            }
        }

        Assert.Equal(50, seen);
        Assert.True(s.IsConnected);
        Assert.NotEmpty(await s.LsAsync(server.DataRoot, Ct)); // the abandoned listing left the session usable
    }
}
