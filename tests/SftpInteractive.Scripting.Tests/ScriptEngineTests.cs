using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

public sealed class ScriptEngineTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink? sink = null) =>
        await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Execute_Expression_ReturnsValueAndRenderedText()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "6*7"));
        Assert.True(result.HasValue);
        Assert.Equal(42, result.Value);
        Assert.Equal("42", result.Rendered!.Text);
    }

    [Fact]
    public async Task Prepare_CompilesWithoutRunning_ExecuteThenRunsItOnce()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"sftpi-prepare-{Guid.NewGuid():N}");
        var code = $"System.IO.File.AppendAllText(@\"{marker}\", \"ran\\n\"); 6*7";
        await using var engine = new ScriptEngine();
        try
        {
            engine.Prepare(code);
            Assert.False(File.Exists(marker));

            var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, code));
            Assert.Equal(42, result.Value);
            Assert.Equal(["ran"], File.ReadAllLines(marker)); // once: preparing compiled it, only Execute ran it
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Prepare_FirstSubmissionDiffers_RunsWhatWasSubmitted()
    {
        await using var engine = new ScriptEngine();
        engine.Prepare("1 + 1");
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "40 + 2"));
        Assert.Equal(42, result.Value);
        var next = Assert.IsType<SubmissionResult.Success>(await Run(engine, "1 + 1"));
        Assert.Equal(2, next.Value);
    }

    [Fact]
    public async Task Prepare_CompileError_ReportedWhenExecuted()
    {
        await using var engine = new ScriptEngine();
        engine.Prepare("var b = nope + 1;");
        var result = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "var b = nope + 1;"));
        Assert.Equal("CS0103", Assert.Single(result.Diagnostics).Id);
        var after = Assert.IsType<SubmissionResult.Success>(await Run(engine, "6*7"));
        Assert.Equal(42, after.Value);
    }

    [Fact]
    public async Task Execute_StateAcrossSubmissions_KeepsLocals()
    {
        await using var engine = new ScriptEngine();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "var xs = new List<int> { 1, 2, 3 };"));
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "xs.Where(x => x > 1).Sum()"));
        Assert.Equal(5, result.Value);
        Assert.Equal(2, engine.History.Count);
    }

    [Fact]
    public async Task Execute_Statement_HasNoValue()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "var a = 1;"));
        Assert.False(result.HasValue);
        Assert.Null(result.Rendered);
    }

    [Fact]
    public async Task Execute_CompileError_ReportsDiagnosticPosition()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "var a = 1;\nvar b = nope + 1;"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("CS0103", d.Id);
        Assert.Equal(2, d.Line);
        Assert.Equal(9, d.Column);
        Assert.Equal(4, d.Length);
        Assert.Equal("CS0103", result.Name);
    }

    [Fact]
    public async Task Execute_RuntimeError_OneLineMessageAndTrace()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "throw new InvalidOperationException(\"boom\");"));
        Assert.Equal("InvalidOperationException", result.Name);
        Assert.Equal("InvalidOperationException: boom", result.Message);
        Assert.Contains("System.InvalidOperationException", result.StackTrace);
    }

    [Theory]
    [InlineData("await StatAsync(\"/data\", CancellationToken.None)")]
    [InlineData("await CdAsync(\"/data\")")]
    [InlineData("await HeadAsync(\"/data/README.txt\", 3, CancellationToken.None)")]
    [InlineData("await PlanGetAsync(\"/data\", \"./out\")")]
    [InlineData("await MkdirAsync(\"/upload/x\", CancellationToken.None)")]
    public async Task Execute_AsyncFormOfAVerb_CompilesAtThePrompt(string code)
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Failure>(await Run(engine, code));
        Assert.StartsWith("not connected: call Connect()", result.Message);
    }

    [Fact]
    public async Task Execute_NotConnected_ClearError()
    {
        await using var engine = new ScriptEngine();
        var result = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "Ls(\"/\")"));
        Assert.StartsWith("not connected: call Connect()", result.Message);
    }

    [Fact]
    public async Task Execute_ConsoleOutput_GoesToSink()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        await Run(engine, "Console.WriteLine(\"hello\"); Console.Error.WriteLine(\"oops\");", sink);
        Assert.Equal("hello\n", sink.Out.ReplaceLineEndings("\n"));
        Assert.Equal("oops\n", sink.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Execute_SecretInOutput_IsRedacted()
    {
        Redactor.Register("s3cr3t-value-xyz");
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = Assert.IsType<SubmissionResult.Success>(await Run(engine, "Console.WriteLine(\"pw s3cr3t-value-xyz\"); \"s3cr3t-value-xyz\"", sink));
        Assert.DoesNotContain("s3cr3t-value-xyz", sink.Out);
        Assert.DoesNotContain("s3cr3t-value-xyz", result.Rendered!.Text);
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "throw new Exception(\"s3cr3t-value-xyz\");"));
        Assert.DoesNotContain("s3cr3t-value-xyz", failure.Message + failure.StackTrace);
    }

    [Fact]
    public async Task Execute_TokenIgnoringDelay_CancelledPromptlyAndEngineStillWorks()
    {
        await using var engine = new ScriptEngine();
        using var cts = new CancellationTokenSource();
        var run = engine.ExecuteAsync("await Task.Delay(60000); 1", new RecordingSink(), cts.Token);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        cts.Cancel();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Same(run, finished);
        Assert.IsType<SubmissionResult.Cancelled>(await run);
        var next = Assert.IsType<SubmissionResult.Success>(await Run(engine, "2+2"));
        Assert.Equal(4, next.Value);
    }

    [Fact]
    public async Task Execute_AbandonedSubmissionFinishingLater_DoesNotReplaceNewerState()
    {
        await using var engine = new ScriptEngine();
        using var cts = new CancellationTokenSource();
        var sink = new RecordingSink();
        var run = engine.ExecuteAsync("Console.WriteLine(\"running\"); await Task.Delay(3000); var late = 1;", sink, cts.Token);
        // Cancel once the code runs (not while the first submission is still compiling on a loaded machine).
        for (var i = 0; i < 600 && !sink.Out.Contains("running", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        cts.Cancel();
        Assert.IsType<SubmissionResult.Cancelled>(await run);
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "var x = 2;"));
        await Task.Delay(4000, TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.IsType<SubmissionResult.Success>(await Run(engine, "x")).Value);
        Assert.IsType<SubmissionResult.Failure>(await Run(engine, "late"));
    }

    [Fact]
    public async Task Execute_CooperativeCode_CancelledThroughAmbientToken()
    {
        await using var engine = new ScriptEngine();
        using var cts = new CancellationTokenSource();
        var run = engine.ExecuteAsync("await Task.Delay(60000, SftpCancellation.Current);", new RecordingSink(), cts.Token);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        cts.Cancel();
        Assert.IsType<SubmissionResult.Cancelled>(await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Execute_LoadAndReference_Work()
    {
        var dir = Directory.CreateTempSubdirectory("sftpi-load");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "lib.csx"), "int Triple(int x) => 3 * x;", TestContext.Current.CancellationToken);
        await using var engine = new ScriptEngine(baseDirectory: dir.FullName);
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "#load \"lib.csx\""));
        Assert.Equal(21, Assert.IsType<SubmissionResult.Success>(await Run(engine, "Triple(7)")).Value);
        var xml = typeof(System.Xml.Linq.XElement).Assembly.Location;
        Assert.IsType<SubmissionResult.Success>(await Run(engine, $"#r \"{xml}\""));
        var parsed = Assert.IsType<SubmissionResult.Success>(await Run(engine, "System.Xml.Linq.XElement.Parse(\"<a>5</a>\").Value"));
        Assert.Equal("5", parsed.Value);
    }

    [Fact]
    public async Task Execute_Display_SendsRenderedValueToSink()
    {
        await using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        await Run(engine, "var id = Display(new[] { new { Name = \"a\", Size = 1 } }); UpdateDisplay(\"done\", id);", sink);
        var (value, id) = Assert.Single(sink.Displays);
        Assert.Contains("Name", value.Text);
        Assert.NotNull(value.Html);
        Assert.Equal(id, Assert.Single(sink.Updates).Id);
    }

    [Theory]
    [InlineData("6*7", true)]
    [InlineData("if (true) {", false)]
    [InlineData("var x = new[] {\n1,", false)]
    [InlineData("Ls(\"/data\")", true)]
    [InlineData("", true)]
    public async Task IsComplete_Cases(string code, bool expected)
    {
        await using var engine = new ScriptEngine();
        Assert.Equal(expected, engine.IsComplete(code));
    }
}
