using System.Text.Json.Nodes;
using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Notebooks;

/// <summary>Running a document records outputs as a Jupyter client records the kernel's messages.</summary>
public sealed class NotebookRunnerTests
{
    private static NotebookDocument Document(params (string Language, string Source)[] cells)
    {
        var document = new NotebookDocument();
        foreach (var (language, source) in cells)
        {
            document.Cells.Add(new NotebookCell(language, source));
        }

        return document;
    }

    [Fact]
    public async Task Run_RecordsStreamsDisplaysResultsAndCounts()
    {
        var document = Document(
            ("markdown", "# Title"),
            ("csharp", "Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"warn\");"),
            ("html", "<i>x</i>"),
            ("csharp", "Markdown(\"**m**\")"));
        await using var engine = new ScriptEngine();
        var output = new StringWriter();
        var result = await new NotebookRunner(engine) { Output = output }.RunAsync(document, TestContext.Current.CancellationToken);
        Assert.Equal(new NotebookRunResult(3, 0, false), result);
        Assert.Null(document.Cells[0].ExecutionCount);
        Assert.Equal([1, 2, 3], document.Cells.Skip(1).Select(c => c.ExecutionCount!.Value));
        var streams = document.Cells[1].Outputs;
        Assert.Equal(("stdout", "ab\n"), (streams[0]["name"]!.GetValue<string>(), streams[0]["text"]!.GetValue<string>()));
        Assert.Equal(("stderr", "warn\n"), (streams[1]["name"]!.GetValue<string>(), streams[1]["text"]!.GetValue<string>()));
        var html = Assert.Single(document.Cells[2].Outputs);
        Assert.Equal("display_data", html["output_type"]!.GetValue<string>());
        Assert.Equal("<i>x</i>", html["data"]!["text/html"]!.GetValue<string>());
        var value = Assert.Single(document.Cells[3].Outputs);
        Assert.Equal("execute_result", value["output_type"]!.GetValue<string>());
        Assert.Equal(3, value["execution_count"]!.GetValue<int>());
        Assert.Equal("**m**", value["data"]!["text/markdown"]!.GetValue<string>());
        Assert.Equal("ab\nx\n**m**\n", output.ToString());
    }

    [Fact]
    public async Task Run_FirstError_StopsAndRecordsTheError()
    {
        var document = Document(("csharp", "var a = 1;"), ("csharp", "throw new InvalidOperationException(\"boom\");"), ("csharp", "a"));
        await using var engine = new ScriptEngine();
        var errors = new StringWriter();
        var result = await new NotebookRunner(engine) { Errors = errors }.RunAsync(document, TestContext.Current.CancellationToken);
        Assert.Equal(new NotebookRunResult(2, 1, false), result);
        var error = Assert.Single(document.Cells[1].Outputs);
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Empty(document.Cells[2].Outputs);
        Assert.Null(document.Cells[2].ExecutionCount);
        Assert.StartsWith("Cell 2 failed: ", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RuntimeError_TheMessageThenTheCellsFrames()
    {
        // sftpi run printed "Cell 2 failed: too deep" alone: where in the script it failed was lost.
        var document = Document(("csharp", "void Deep(int n) { if (n == 0) throw new InvalidOperationException(\"too deep\"); Deep(n - 1); }"), ("csharp", "Deep(2);"));
        await using var engine = new ScriptEngine();
        var errors = new StringWriter();

        await new NotebookRunner(engine) { Errors = errors }.RunAsync(document, TestContext.Current.CancellationToken);

        var lines = errors.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 4, errors.ToString());
        Assert.Equal("Cell 2 failed: InvalidOperationException: too deep", lines[0]);
        Assert.Equal("  Deep(int n) in cell [1], line 1 (and 2 more times)", lines[1]);
        Assert.Equal("  in cell [2], line 1", lines[2]);
        Assert.StartsWith("  … ", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AllowErrors_GoesOn()
    {
        var document = Document(("csharp", "var b = nope;"), ("fsharp", "let x = 1"), ("csharp", "6*7"));
        await using var engine = new ScriptEngine();
        var result = await new NotebookRunner(engine) { AllowErrors = true }.RunAsync(document, TestContext.Current.CancellationToken);
        Assert.Equal(new NotebookRunResult(3, 2, false), result);
        Assert.Equal("CS0103", document.Cells[0].Outputs[0]["ename"]!.GetValue<string>());
        Assert.Equal("UnsupportedMagic", document.Cells[1].Outputs[0]["ename"]!.GetValue<string>());
        Assert.Equal("42", document.Cells[2].Outputs[0]["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_DisplayUpdatesAndClearOutput_AsAJupyterClientRecordsThem()
    {
        var document = Document(
            ("csharp", "var id = Display(\"step 1\"); UpdateDisplay(\"step 2\", id); Console.WriteLine(\"after\");"),
            ("csharp", "Console.WriteLine(\"gone\"); ClearOutput(); Console.WriteLine(\"kept\");"));
        await using var engine = new ScriptEngine();
        await new NotebookRunner(engine).RunAsync(document, TestContext.Current.CancellationToken);
        var outputs = document.Cells[0].Outputs;
        Assert.Equal("step 2", outputs[0]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("after\n", outputs[1]["text"]!.GetValue<string>());
        Assert.Equal("kept\n", Assert.Single(document.Cells[1].Outputs)["text"]!.GetValue<string>());
    }
}
