using SftpInteractive.Scripting;

namespace SftpInteractive.Scripting.Tests.Packages;

/// <summary>One engine with ScottPlot 5.1.59 restored (a large download on a cold cache), shared by the tests that
/// draw with it.</summary>
public sealed class ScottPlotSession : IAsyncLifetime
{
    public ScriptEngine Engine { get; } = new();

    public RecordingSink RestoreSink { get; } = new();

    public SubmissionResult? Restore { get; private set; }

    public async ValueTask InitializeAsync() =>
        Restore = await Engine.ExecuteAsync("#r \"nuget: ScottPlot, 5.1.59\"", RestoreSink, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
