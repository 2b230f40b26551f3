using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Scripting;

public sealed partial class ScriptEngine
{
    static ScriptEngine()
    {
        // Widgets live below this library; they reach the session's output routing through these hooks.
        WidgetHooks.Capture = static output =>
        {
            var sink = new OutputWidgetSink(output, ScriptGlobals.Sink);
            return ScriptSubmission.Enter(sink, ScriptGlobals.CurrentFormatters);
        };
        WidgetHooks.Display = static value =>
        {
            if (ScriptGlobals.Sink is { } sink)
            {
                sink.Display(DisplayRenderer.Render(value, ScriptGlobals.CurrentFormatters));
            }
        };
    }

    /// <inheritdoc />
    public Task<SubmissionResult> RunCallbackAsync(Action callback, IDisplaySink display, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(display);

        // A callback deaf to the interrupt is abandoned as a cell is (RunGatedAsync).
        return RunGatedAsync(
            () => Task.Run(() => RunCallback(callback, display, cancellationToken), CancellationToken.None),
            "interrupted; the callback ignored cancellation and keeps running in the background",
            onAbandon: null,
            after: null,
            cancellationToken);
    }

    private SubmissionResult RunCallback(Action callback, IDisplaySink display, CancellationToken token)
    {
        using var submission = ScriptSubmission.Enter(display, Globals.Formatters, token, log: true);
        try
        {
            callback();
            return new SubmissionResult.Success(null, false, null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new SubmissionResult.Cancelled("cancelled");
        }
#pragma warning disable CA1031 // A failing callback is shown; the kernel goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ErrorReport.FromException(e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e);
        }
    }
}
