using SftpInteractive.Kernel.Execution;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Tests.Execution;

public sealed class ErrorContentTests
{
    private static string[] Traceback(SubmissionResult.Failure failure) =>
        ErrorContent.From(failure)["traceback"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();

    [Fact]
    public void From_CompileFailure_ListsEveryDiagnosticOnce()
    {
        var failure = new SubmissionResult.Failure("CS0103", "(1,1): The name 'x' does not exist in the current context",
            [new ScriptDiagnostic("CS0103", "error", "The name 'x' does not exist in the current context", 1, 1, 1),
             new ScriptDiagnostic("CS1002", "error", "; expected", 2, 7, 0)], "");

        var content = ErrorContent.From(failure);

        Assert.Equal("CS0103", content["ename"]!.GetValue<string>());
        Assert.Equal(["(1,1): error CS0103: The name 'x' does not exist in the current context", "(2,7): error CS1002: ; expected"], Traceback(failure));
    }

    [Fact]
    public void From_RuntimeFailure_NamesTheErrorOnceThenTheCellFrames()
    {
        var failure = new SubmissionResult.Failure("InvalidOperationException", "InvalidOperationException: boom", [], "System.InvalidOperationException: boom\n   at X")
        {
            Frames = ["  Deep(int n) in cell [9], line 1", "  … 3 frames of .NET hidden (DisplayOptions.FullErrors = true shows them)"],
        };

        var traceback = Traceback(failure);

        Assert.Equal(["\u001b[0;31mInvalidOperationException\u001b[0m: boom", "  Deep(int n) in cell [9], line 1",
            "  … 3 frames of .NET hidden (DisplayOptions.FullErrors = true shows them)"], traceback);
    }

    [Fact]
    public void From_RuntimeFailure_EvalueIsTheMessageWithoutTheName()
    {
        // nbclient, VS Code and nbviewer print "ename: evalue"; with the name in both it read
        // "InvalidOperationException: InvalidOperationException: too deep".
        var failure = new SubmissionResult.Failure("InvalidOperationException", "InvalidOperationException: too deep", [], "System.InvalidOperationException: too deep\n   at X");

        var content = ErrorContent.From(failure);

        Assert.Equal("InvalidOperationException", content["ename"]!.GetValue<string>());
        Assert.Equal("too deep", content["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void From_RuntimeFailureWithFullErrors_EveryFrameAndTheMessageStillOnce()
    {
        var failure = new SubmissionResult.Failure("InvalidOperationException", "InvalidOperationException: boom", [], "System.InvalidOperationException: boom\n   at X\n   at Y")
        {
            Frames = ["  Deep(int n) in cell [9], line 1"],
        };

        using (DisplayOptions.Use(DisplayOptions.DefaultMaxRows))
        {
            DisplayOptions.FullErrors = true;

            Assert.Equal(["\u001b[0;31mInvalidOperationException\u001b[0m: boom", "   at X", "   at Y"], Traceback(failure));
        }
    }

    [Fact]
    public void From_HelperFailure_PrefixesItsKind()
    {
        var failure = new SubmissionResult.Failure("ConfigError", "SFTP_HOST is not set.", [], "");

        Assert.Equal(["\u001b[0;31mConfigError\u001b[0m: SFTP_HOST is not set."], Traceback(failure));
    }

    [Fact]
    public void From_Cancelled_IsNamedCancelled()
    {
        var content = ErrorContent.From(new SubmissionResult.Cancelled("cancelled"));

        Assert.Equal("Cancelled", content["ename"]!.GetValue<string>());
        Assert.Equal("cancelled", content["evalue"]!.GetValue<string>());
    }
}
