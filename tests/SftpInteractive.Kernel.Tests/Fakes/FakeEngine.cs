using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Tests.Fakes;

/// <summary>
/// A tiny command language standing in for the Roslyn engine in protocol tests (the real engine is exercised by the
/// Jupyter-client tests). <c>print X</c>, <c>eprint X</c>, <c>fail</c>, <c>wait</c> (honours the token), <c>ignore</c>
/// (ignores it), <c>prompt</c>, <c>display</c>; anything else evaluates to itself.
/// </summary>
internal sealed class FakeEngine : IInteractiveEngine
{
    private readonly List<string> _history = [];

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> History => _history;

    public Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<SubmissionResult> ExecuteAsync(string code, IDisplaySink display, CancellationToken cancellationToken = default)
    {
        _history.Add(code);
        Started.TrySetResult();
        var verb = code.Split(' ', 2)[0];
        var arg = code.Contains(' ', StringComparison.Ordinal) ? code.Split(' ', 2)[1] : "";
        switch (verb)
        {
            case "print":
                foreach (var c in arg)
                {
                    display.StandardOutput.Write(c);
                }

                display.StandardOutput.WriteLine();
                return new SubmissionResult.Success(null, false, null);
            case "slowprint":
                // Half of the argument, a pause longer than one stream tick, then the rest.
                display.StandardOutput.Write(arg[..(arg.Length / 2)]);
                await Task.Delay(70, CancellationToken.None);
                await display.StandardOutput.WriteLineAsync(arg[(arg.Length / 2)..]);
                await Task.Delay(200, CancellationToken.None);
                return new SubmissionResult.Success(null, false, null);
            case "eprint":
                await display.StandardError.WriteLineAsync(arg);
                return new SubmissionResult.Success(null, false, null);
            case "fail":
                return new SubmissionResult.Failure("CS0103", "The name 'x' does not exist in the current context",
                    [new ScriptDiagnostic("CS0103", "error", "The name 'x' does not exist in the current context", 1, 5, 1)], "");
            case "wait":
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return new SubmissionResult.Cancelled("Download cancelled.");
                }

                return new SubmissionResult.Success(null, false, null);
            case "ignore":
                await Task.Delay(60_000, CancellationToken.None);
                return new SubmissionResult.Success(null, false, null);
            case "prompt":
                if (display.Prompt is null)
                {
                    return new SubmissionResult.Failure("SftpAuthenticationException", "Set SFTP_PASSWORD in .env", [], "");
                }

                var answer = await display.Prompt(new AuthPrompt("u", "h", "", "Password: ", false), cancellationToken);
                return new SubmissionResult.Success(answer, true, new RenderedValue("got " + answer, null, answer));
            case "display":
                display.Display(new RenderedValue("0%", "<progress value='0'></progress>", null), "p1");
                display.UpdateDisplay(new RenderedValue("100%", "<progress value='100'></progress>", null), "p1");
                return new SubmissionResult.Success(null, false, null);
            default:
                return new SubmissionResult.Success(code, true, new RenderedValue(code, "<b>" + code + "</b>", code));
        }
    }

    public Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CompletionList(
            [new CompletionEntry("Length", "Length", "property", "int"), new CompletionEntry("LastIndexOf", "LastIndexOf", "method", null)],
            Math.Max(0, cursor - 1), cursor));

    public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
        Task.FromResult<InspectionResult?>(code.Length == 0 ? null : new InspectionResult("int string.Length", "<code>int string.Length</code>"));

    public bool IsComplete(string code) => !code.TrimEnd().EndsWith('{');

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
