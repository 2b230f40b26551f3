using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests;

/// <summary>Errors a learner can act on: the message once, the user's frames by cell and line, the rest in one line;
/// our own errors as their message alone.</summary>
public sealed class ErrorFramesTests
{
    private static async Task<SubmissionResult> Run(ScriptEngine engine, string code, string? label = null)
    {
        using (label is null ? null : SubmissionLabel.Use(label))
        {
            return await engine.ExecuteAsync(code, new RecordingSink(), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task RuntimeError_InAMethodOfAnEarlierCell_NamesBothCellsAndFoldsTheRest()
    {
        await using var engine = new ScriptEngine();
        Assert.IsType<SubmissionResult.Success>(await Run(engine, "int Deep(int n) => n == 0 ? throw new InvalidOperationException(\"too deep\") : Deep(n - 1);", "cell [9]"));

        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "var x = 1;\nDeep(2)", "cell [10]"));

        Assert.Equal("InvalidOperationException: too deep", failure.Message);
        Assert.Equal("  Deep(int n) in cell [9], line 1 (and 2 more times)", failure.Frames[0]);
        Assert.Equal("  in cell [10], line 2", failure.Frames[1]);
        Assert.Matches(@"^  … \d+ frames of .* hidden \(DisplayOptions.FullErrors = true shows them\)$", failure.Frames[2]);
        Assert.Equal(3, failure.Frames.Count);
        Assert.DoesNotContain(failure.Frames, f => f.Contains("Submission#", StringComparison.Ordinal));
        Assert.Equal(failure.Frames, failure.TraceLines);
    }

    [Fact]
    public async Task RuntimeError_HostGaveNoLabel_NamesTheInputByItsNumber()
    {
        await using var engine = new ScriptEngine();
        await Run(engine, "var a = 1;");

        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "async Task<int> LaterAsync() { await Task.Yield(); throw new ArgumentException(\"bad\"); }\nawait LaterAsync()"));

        Assert.Equal("  LaterAsync() in input [2], line 1", failure.Frames[0]);
        Assert.Equal("  in input [2], line 2", failure.Frames[1]);
    }

    [Fact]
    public async Task RuntimeError_InAnAsyncMethodAndAnIterator_NamesThemWithTheirParameters()
    {
        await using var engine = new ScriptEngine();
        await Run(engine, "async Task<int> FailAsync(int n, string unused) { await Task.Yield(); throw new InvalidOperationException(\"async \" + n); }", "cell [1]");
        await Run(engine, "IEnumerable<int> Upto(long limit, bool loud) { yield return 1; throw new InvalidOperationException(\"iterator\"); }", "cell [2]");

        var async = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "await FailAsync(3, \"x\")", "cell [3]"));
        var iterator = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "Upto(2, true).ToList()", "cell [4]"));

        Assert.Equal("  FailAsync(int n, string unused) in cell [1], line 1", async.Frames[0]);
        Assert.Equal("  Upto(long limit, bool loud) in cell [2], line 1", iterator.Frames[0]);
    }

    [Fact]
    public async Task RuntimeError_FullErrors_EveryFrameWithoutTheMessageAgain()
    {
        await using var engine = new ScriptEngine();
        var failure = Assert.IsType<SubmissionResult.Failure>(await Run(engine, "throw new InvalidOperationException(\"boom\");"));

        using (DisplayOptions.Use(DisplayOptions.DefaultMaxRows))
        {
            DisplayOptions.FullErrors = true;

            Assert.Contains(failure.TraceLines, l => l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal));
            Assert.DoesNotContain(failure.TraceLines, l => l.Contains("boom", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void OwnError_IsTheMessageAlone()
    {
        SubmissionResult.Failure failure;
        try
        {
            throw new SftpTransferException("1 of 3 files failed, first: /d/x: denied. Run the same call again to resume.");
        }
        catch (SftpTransferException e)
        {
            failure = ErrorReport.FromException(e);
        }

        Assert.Empty(failure.Frames);
        Assert.Empty(failure.TraceLines);
        Assert.StartsWith("1 of 3 files failed", failure.Message, StringComparison.Ordinal);
    }
}
