namespace SftpInteractive.Scripting.Tests.Display;

public sealed class WhoTests
{
    [Fact]
    public async Task Who_ListsLatestDeclarationOfEachVariable()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var ct = TestContext.Current.CancellationToken;
        await engine.ExecuteAsync("var count = 1; var name = \"wmr\";", sink, ct);
        await engine.ExecuteAsync("var count = new List<int> { 1, 2 };", sink, ct);

        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("#who", sink, ct));

        var table = Assert.IsType<DisplayTable>(result.Value);
        Assert.Equal(["Name", "Type", "Value"], table.Columns);
        Assert.Equal([["name", "string", "\"wmr\""], ["count", "List<int>", "[1, 2]"]], table.Rows);
        Assert.Contains("<table", result.Rendered!.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_AfterCodeInTheSameCell_RunsCodeThenShowsTable()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();

        var result = await engine.ExecuteAsync("var x = 6 * 7;\n#who", sink, TestContext.Current.CancellationToken);

        Assert.IsType<SubmissionResult.Success>(result);
        Assert.Contains("42", Assert.Single(sink.Displays).Value.Text, StringComparison.Ordinal);
        Assert.True(engine.IsComplete("#who"));
    }

    [Fact]
    public async Task Who_LazySequence_IsNotEnumerated()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        await engine.ExecuteAsync("var endless = Enumerable.Range(0, int.MaxValue).Select(i => i * 2);", sink, TestContext.Current.CancellationToken);

        var result = Assert.IsType<SubmissionResult.Success>(await engine.ExecuteAsync("#who", sink, TestContext.Current.CancellationToken));

        Assert.Contains("not enumerated", result.Rendered!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Variable_ShowsTypeAndValue()
    {
        await using var engine = new ScriptEngine();
        await engine.ExecuteAsync("var answer = 6 * 7;", new RecordingSink(), TestContext.Current.CancellationToken);

        var result = await engine.InspectAsync("answer", 3, TestContext.Current.CancellationToken);

        Assert.NotNull(result);
        Assert.StartsWith("answer: int = 42", result.Text, StringComparison.Ordinal);
        Assert.Contains("42", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_HashW_OffersWho()
    {
        await using var engine = new ScriptEngine();

        var list = await engine.CompleteAsync("#w", 2, TestContext.Current.CancellationToken);

        Assert.Equal("#who", Assert.Single(list.Items).Text);
        Assert.Equal(0, list.Start);
    }
}
