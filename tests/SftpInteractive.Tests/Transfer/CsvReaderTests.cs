namespace SftpInteractive.Tests.Transfer;

public sealed class CsvReaderTests
{
    [Fact]
    public async Task ReadRecord_QuotedFields_AreParsed()
    {
        var text = "a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"multi\nline\",\n";
        var csv = new CsvReader(new StringReader(text));
        Assert.Equal(["a", "b", "c"], (await csv.ReadRecordAsync(TestContext.Current.CancellationToken))!);
        Assert.Equal(["1", "x, y", "he said \"hi\""], (await csv.ReadRecordAsync(TestContext.Current.CancellationToken))!);
        Assert.Equal(["2", "multi\nline", ""], (await csv.ReadRecordAsync(TestContext.Current.CancellationToken))!);
        Assert.Null(await csv.ReadRecordAsync(TestContext.Current.CancellationToken));
    }
}
