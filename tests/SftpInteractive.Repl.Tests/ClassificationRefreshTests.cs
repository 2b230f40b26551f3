using SftpInteractive.Repl;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl.Tests;

/// <summary>Highlighting follows the engine's editor services however late they warm up: on a loaded machine (a CI run
/// at load average 38) Roslyn's classifier answered with the syntax alone for longer than the editor's five refreshes
/// (7.5 s), and the line typed first stayed uncoloured for good.</summary>
public sealed class ClassificationRefreshTests
{
    [Fact]
    public async Task Highlighting_EditorServicesWarmLate_LineIsColouredOnceTheyAnswer()
    {
        var engine = new LateClassifier(syntaxOnlyAnswers: 8);
        var verb = Palette.FromEnvironment().Start("verb");
        Assert.SkipWhen(verb.Length == 0, "colours are off in this environment (NO_COLOR or SFTPI_COLORS=none)");
        var terminal = new ScriptedTerminal().Type("Ls").WaitFor(verb + "Ls").Key(ConsoleKey.C, control: true).Key(ConsoleKey.D, control: true);
        var (console, _) = TestConsoles.Create();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal }, Task.FromResult<IInteractiveEngine>(engine));
        await host.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(engine.Calls > 8, $"the editor asked {engine.Calls} times");
        Assert.Contains(verb + "Ls", terminal.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Highlighting_RefreshWithTheSameAnswer_DoesNotRedrawTheLine()
    {
        // Every redraw is a chance to race with a window resize (a frame computed for the old width reaching the
        // terminal after its re-wrap leaves a stale row): a refresh that changes no colour draws nothing.
        var engine = new LateClassifier(syntaxOnlyAnswers: 0);
        var verb = Palette.FromEnvironment().Start("verb");
        Assert.SkipWhen(verb.Length == 0, "colours are off in this environment (NO_COLOR or SFTPI_COLORS=none)");
        var terminal = new ScriptedTerminal();
        var screen = string.Empty;
        terminal.Type("Ls").WaitFor(verb + "Ls").Until(() =>
        {
            // The fourth request starts after the third answer was applied and one refresh delay passed.
            screen = terminal.Screen;
            return engine.Calls >= 4;
        }).Key(ConsoleKey.C, control: true).Key(ConsoleKey.D, control: true);
        var (console, _) = TestConsoles.Create();
        var host = new ReplHost(new ReplOptions { Console = console, Terminal = terminal }, Task.FromResult<IInteractiveEngine>(engine));
        await host.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(engine.Calls >= 4, $"the editor asked {engine.Calls} times");
        Assert.Single(screen.Split(verb + "Ls").Skip(1));
    }

    /// <summary>An engine whose classifier knows nothing for its first answers (the syntax alone has no verbs), then
    /// calls <c>Ls</c> a verb, as Roslyn's classifier does once the editor services are composed.</summary>
    private sealed class LateClassifier(int syntaxOnlyAnswers) : IInteractiveEngine
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<string> History => [];

        public Task<IReadOnlyList<ClassifiedRange>> ClassifyAsync(string code, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ClassifiedRange>>(
                Interlocked.Increment(ref _calls) <= syntaxOnlyAnswers || !code.StartsWith("Ls", StringComparison.Ordinal) ? [] : [new ClassifiedRange(0, 2, "verb")]);

        public Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<SubmissionResult> ExecuteAsync(string code, IDisplaySink display, CancellationToken cancellationToken = default) =>
            Task.FromResult<SubmissionResult>(new SubmissionResult.Success(null, false, null));

        public Task<CompletionList> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
            Task.FromResult(CompletionList.Empty(cursor));

        public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
            Task.FromResult<InspectionResult?>(null);

        public bool IsComplete(string code) => true;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
