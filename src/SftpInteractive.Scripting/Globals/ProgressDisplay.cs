using System.Diagnostics;

namespace SftpInteractive.Scripting;

/// <summary>
/// Turns transfer progress into one display that is updated in place (the kernel's <c>update_display_data</c>, the
/// terminal's redrawn bar). Reports arrive from transfer threads, possibly several at once; updates are throttled to
/// ten a second and the last state is always shown when the transfer ends.
/// </summary>
internal sealed class ProgressDisplay(IDisplaySink? sink) : IProgressDisplay
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceUpdate = new();
    private readonly string _id = "sftpi-progress-" + Guid.NewGuid().ToString("N");
    private TransferProgress? _last;
    private bool _shown;

    /// <inheritdoc />
    public void Report(TransferProgress value)
    {
        if (sink is null)
        {
            return;
        }

        lock (_gate)
        {
            _last = value;
            if (_shown && _sinceUpdate.IsRunning && _sinceUpdate.Elapsed < Interval)
            {
                return;
            }

            Show(value);
        }
    }

    /// <summary>Shows the final state.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_last is not null && sink is not null)
            {
                Show(_last);
            }
        }
    }

    private void Show(TransferProgress value)
    {
        var rendered = DisplayRenderer.Render(value);
        if (_shown)
        {
            sink!.UpdateDisplay(rendered, _id);
        }
        else
        {
            sink!.Display(rendered, _id);
            _shown = true;
        }

        _sinceUpdate.Restart();
    }
}
