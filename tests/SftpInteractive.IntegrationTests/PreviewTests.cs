using SftpInteractive.Testing;

namespace SftpInteractive.IntegrationTests;

/// <summary>Head, tail, read text and CSV preview without downloading the file.</summary>
public sealed class PreviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HeadTailReadText_MatchTheFile()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var path = RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history/wmr1006.csv");
        var lines = File.ReadAllLines(path);

        Assert.Equal(lines.Take(5), await s.HeadAsync(path, 5, Ct));
        Assert.Equal(lines.TakeLast(7), await s.TailAsync(path, 7, Ct));
        Assert.Equal(lines.TakeLast(3), s.Tail(path, 3));
        Assert.Equal(File.ReadAllText(path), await s.ReadTextAsync(path, cancellationToken: Ct));
        Assert.Empty(await s.HeadAsync(RemotePath.Combine(server.DataRoot, "misc/empty.csv"), 5, Ct));
    }

    [Fact]
    public async Task Tail_LargeBinaryFile_ReadsOnlyTheEnd()
    {
        var server = TestServer.Require();
        await using var proxy = new FaultProxy(server.Port);
        await using var s = await server.ConnectAsync("key", ConnectionFaultTests.ViaProxy(server, proxy), Ct);
        var before = proxy.ServerToClientBytes;

        await s.TailAsync(server.LargeFile, 2, Ct);

        // What crossed the wire, not how long it took: the end of a large file, never the file.
        var received = proxy.ServerToClientBytes - before;
        Assert.True(received < 1 << 20, $"{received} bytes received to tail a {(await s.StatAsync(server.LargeFile, Ct)).Size}-byte file");
        await Assert.ThrowsAsync<SftpTransferException>(() => s.ReadTextAsync(server.LargeFile, cancellationToken: Ct));
    }

    [Fact]
    public async Task Csv_HeaderAndRows_AsTable()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        var path = RemotePath.Combine(server.DataRoot, "WMR_Spots/North/history/wmr1006.csv");

        var csv = await s.CsvAsync(path, 3, cancellationToken: Ct);

        Assert.Equal(File.ReadLines(path).First().Split(','), csv.Header);
        Assert.Equal(3, csv.Count);
        Assert.True(csv.HasMore);
        Assert.Equal(File.ReadLines(path).Skip(1).Take(3).Select(l => l.Split(',')[1]), csv.Column("station"));
        Assert.Contains("<table", csv.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("station", csv.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_QuotedFields_AreParsed()
    {
        var server = TestServer.Require();
        await using var s = await server.ConnectAsync("key", cancellationToken: Ct);
        await using var scratch = await RemoteScratch.CreateAsync(s);
        var text = "name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nplain,x\n"u8.ToArray();
        await s.PutAsync(new MemoryStream(text), scratch["q.csv"], cancellationToken: Ct);

        var csv = await s.CsvAsync(scratch["q.csv"], cancellationToken: Ct);

        Assert.Equal(["Smith, J", "said \"hi\"\nthen left"], csv[0]);
        Assert.Equal(["plain", "x"], csv[1]);
        Assert.False(csv.HasMore);
    }
}
