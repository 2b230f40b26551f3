namespace SftpInteractive.Scripting;

/// <summary>
/// The engine's <see cref="SubmissionContext"/>: the host's context (its token, label) plus the submission's display
/// sink and formatters. Made current by <see cref="Enter"/>, the one scope a running submission, a widget callback or an
/// Output widget's capture opens: <c>Console</c> output (<see cref="ConsoleRouter"/>), <c>Display</c>, the notebook
/// API's static calls, the verbs' progress and prompts (<see cref="SinkVerbHost"/>) and the connection log
/// (<see cref="EngineLog"/>) all read the sink from here.
/// </summary>
internal sealed class ScriptSubmission : SubmissionContext
{
    private IDisplaySink _sink = null!;
    private FormatterRegistry? _formatters;

    /// <summary>Where the submission's output goes.</summary>
    public IDisplaySink Sink => _sink;

    /// <summary>The formatters its display calls use (null: the defaults).</summary>
    public FormatterRegistry? Formatters => _formatters;

    /// <summary>The running submission's sink (null outside one).</summary>
    public static IDisplaySink? CurrentSink => (Current as ScriptSubmission)?.Sink;

    /// <summary>The running submission's formatters (null outside one).</summary>
    public static FormatterRegistry? CurrentFormatters => (Current as ScriptSubmission)?.Formatters;

    /// <summary>Runs what follows in this async flow as a submission writing to <paramref name="sink"/>: the current
    /// context (the host's label, token) with the sink, a verb host over it and, when given, <paramref name="token"/>.
    /// With <paramref name="log"/> the connection log goes to the sink's standard error while the scope lasts.</summary>
    public static IDisposable Enter(IDisplaySink sink, FormatterRegistry? formatters, CancellationToken? token = null, bool log = false)
    {
        var context = Current switch
        {
            ScriptSubmission outer => (ScriptSubmission)outer.Copy(),
            { } host => From(host),
            null => new ScriptSubmission(),
        };
        context._sink = sink;
        context._formatters = formatters;
        context.Initialize(new SinkVerbHost(sink), token ?? context.Token);
        ConsoleRouter.Prepare();
        var scope = context.Enter();
        return log ? new Both(EngineLog.Activate(sink), scope) : scope;
    }

    private static ScriptSubmission From(SubmissionContext host) => new() { Token = host.Token, Host = host.Host, Label = host.Label };

    private sealed class Both(IDisposable inner, IDisposable outer) : IDisposable
    {
        public void Dispose()
        {
            inner.Dispose();
            outer.Dispose();
        }
    }
}
