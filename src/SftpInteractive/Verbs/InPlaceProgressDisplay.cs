using System.Diagnostics;

namespace SftpInteractive;

/// <summary>
/// The one throttling policy of every host's progress display: reports arrive from transfer threads, possibly several
/// at once; the display is shown on the first, then replaced in place at most ten times a second, and the last state
/// is always shown when the transfer ends (<see cref="Dispose"/>). Hosts say how to show and replace it.
/// </summary>
public abstract class InPlaceProgressDisplay : IProgressDisplay
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceUpdate = new();
    private TransferProgress? _last;
    private bool _shown;
    private bool _disposed;

    /// <inheritdoc />
    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            _last = value;
            if (_disposed || (_shown && _sinceUpdate.IsRunning && _sinceUpdate.Elapsed < Interval))
            {
                return;
            }

            ShowLocked(value);
        }
    }

    /// <summary>Shows the final state.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_last is not null && !_disposed)
            {
                ShowLocked(_last);
            }

            _disposed = true;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Shows <paramref name="value"/> for the first time (<paramref name="first"/>) or replaces what was shown.</summary>
    protected abstract void Show(TransferProgress value, bool first);

    private void ShowLocked(TransferProgress value)
    {
        Show(value, !_shown);
        _shown = true;
        _sinceUpdate.Restart();
    }
}
