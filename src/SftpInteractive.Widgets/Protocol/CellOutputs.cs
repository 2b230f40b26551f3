using System.Runtime.CompilerServices;

namespace SftpInteractive.Widgets.Protocol;

/// <summary>
/// Where a widget's callbacks show what they print, display and throw: under the cell that displayed the widget.
/// JupyterLab, Notebook 7 and VS Code show an output under a cell only while that cell's <c>execute_request</c> runs,
/// so a callback's messages (parented to the front end's <c>comm_msg</c>) would land in a log console. Instead, a cell
/// that displays widgets gets one <see cref="Output"/> of the kernel's own, displayed at the end of the cell (empty, so
/// invisible), and a callback of any widget that cell showed (its children too, and the widgets a callback of theirs
/// opens) runs captured into it. A widget shown with no cell known (a client that sends no <c>cellId</c>, a display
/// in a callback of such a widget) has no such Output: its callbacks' messages stay parented to the front end's.
/// </summary>
internal static class CellOutputs
{
    private static readonly ConditionalWeakTable<Widget, string> CellOfWidget = [];
    private static readonly Dictionary<string, WeakReference<Output>> ByCell = new(StringComparer.Ordinal);
    private static readonly HashSet<string> ShownIn = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static readonly AsyncLocal<string?> CallbackCell = new();

    /// <summary>The cell the calling flow's displays belong to: the running cell, or the cell of the widget whose
    /// callback runs.</summary>
    private static string? Current => WidgetOutputs.CurrentCell ?? CallbackCell.Value;

    /// <summary>A cell starts again or was deleted: its previous Output is no longer shown.</summary>
    public static void Forget(string cellId)
    {
        lock (Gate)
        {
            ByCell.Remove(cellId);
            ShownIn.Remove(cellId);
        }
    }

    /// <summary>A widget was displayed: it and the widgets it refers to belong to the current cell from now on.</summary>
    public static void Shown(Widget widget)
    {
        if (Current is not { } cell)
        {
            return;
        }

        var seen = new HashSet<Widget>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Widget>([widget]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                CellOfWidget.AddOrUpdate(next, cell);
                foreach (var child in next.ReferencedWidgets())
                {
                    pending.Push(child);
                }
            }
        }

        lock (Gate)
        {
            ShownIn.Add(cell);
        }
    }

    /// <summary>A widget's comm opened (a child added to a shown box, say): unless known already, it belongs to the
    /// current cell.</summary>
    public static void Opened(Widget widget)
    {
        if (Current is { } cell)
        {
            _ = CellOfWidget.TryAdd(widget, cell);
        }
    }

    /// <summary>Ends cell <paramref name="cellId"/>'s run: when it displayed widgets, returns the Output its widgets'
    /// callbacks will show in (the caller displays it last in the cell), else null.</summary>
    public static Output? EndCell(string? cellId)
    {
        if (cellId is null)
        {
            return null;
        }

        lock (Gate)
        {
            if (!ShownIn.Remove(cellId))
            {
                return null;
            }
        }

        var output = new Output();
        lock (Gate)
        {
            ByCell[cellId] = new WeakReference<Output>(output);
        }

        return output;
    }

    /// <summary>Starts a callback of the widget of comm <paramref name="commId"/>: returns the Output of the cell that
    /// displayed it (null when there is none), and until the returned scope ends, what the callback displays belongs
    /// to that cell.</summary>
    public static (Output? Output, IDisposable Scope) Callback(string? commId)
    {
        var previous = CallbackCell.Value;
        string? cell = null;
        Output? output = null;
        if (WidgetRegistry.Find(commId) is { } widget && CellOfWidget.TryGetValue(widget, out cell))
        {
            lock (Gate)
            {
                output = ByCell.TryGetValue(cell, out var weak) && weak.TryGetTarget(out var o) && o.IsOpen ? o : null;
            }
        }

        CallbackCell.Value = cell;
        return (output, new Scope(previous));
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CallbackCell.Value = previous;
    }
}
