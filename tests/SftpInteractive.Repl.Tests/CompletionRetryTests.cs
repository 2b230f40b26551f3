using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>The completion menu after a dot follows the engine's editor services however late they warm up: on a loaded
/// machine (a fresh clone's test run) the first answer for <c>Math.</c> came after its time limit, and without a second
/// request the menu never opened.</summary>
public sealed class CompletionRetryTests
{
    [Fact]
    public async Task CompletionMenu_EditorServicesAnswerLate_OpensUnderTheDotOnceTheyDo()
    {
        var engine = new LateCompleter(emptyAnswers: 3);
        var terminal = new ScriptedTerminal().Type("Math.").WaitFor("Abs").Key(ConsoleKey.C, control: true).Key(ConsoleKey.D, control: true);
        var (console, _) = TestConsoles.Create();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal }, Task.FromResult<IInteractiveEngine>(engine));
        await host.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(engine.Calls > 3, $"the editor asked {engine.Calls} times");
        Assert.Contains("Abs", terminal.Screen, StringComparison.Ordinal);
    }

    /// <summary>An engine whose completion knows nothing for its first answers, then lists two members of <c>Math</c>.</summary>
    private sealed class LateCompleter(int emptyAnswers) : IInteractiveEngine
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<string> History => [];

        public Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ClassifiedRange>>([]);

        public Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<SubmissionResult> ExecuteAsync(string code, IDisplaySink display, CancellationToken cancellationToken = default) =>
            Task.FromResult<SubmissionResult>(new SubmissionResult.Success(null, false, null));

        public Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
            Task.FromResult(Interlocked.Increment(ref _calls) <= emptyAnswers || !code.EndsWith("Math.", StringComparison.Ordinal)
                ? CompletionList.Empty(cursor)
                : new CompletionList([new("Abs", "Abs", "method", null), new("Max", "Max", "method", null)], cursor, cursor));

        public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
            Task.FromResult<InspectionResult?>(null);

        public bool IsComplete(string code) => true;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
