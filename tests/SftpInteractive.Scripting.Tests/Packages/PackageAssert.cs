using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Packages;

internal static class PackageAssert
{
    /// <summary>Runs one submission with the test's cancellation token.</summary>
    public static async Task<SubmissionResult> Run(ScriptEngine engine, string code, RecordingSink? sink = null) =>
        await engine.ExecuteAsync(code, sink ?? new RecordingSink(), TestContext.Current.CancellationToken);

    /// <summary>The success, or a failure that shows what the engine said.</summary>
    public static SubmissionResult.Success Ok(SubmissionResult result) =>
        result as SubmissionResult.Success ?? throw new Xunit.Sdk.XunitException($"expected success, got {result}");

    /// <summary>The failure, or a failure that shows what the engine returned instead.</summary>
    public static SubmissionResult.Failure Failed(SubmissionResult result) =>
        result as SubmissionResult.Failure ?? throw new Xunit.Sdk.XunitException($"expected a failure, got {result}");
}
