namespace SftpInteractive.Widgets.Protocol;

/// <summary>
/// Keeps alive the widgets that a front end shows in an output, whatever the session's variables hold: the page still
/// shows them and may send them events. A widget displayed by a cell the front end names (JupyterLab and Notebook
/// send the cell's id in the <c>execute_request</c>'s metadata) is held until that cell runs again (its outputs are
/// replaced) or is deleted (the front end lists deleted cells in the next request's metadata); one displayed with no
/// cell known (a callback, a client that sends no id) is held until it is closed, as ipywidgets keeps every instance.
/// </summary>
internal static class WidgetOutputs
{
    private const string NoCell = "";
    private static readonly Dictionary<string, HashSet<Widget>> ByCell = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>Starts a run of cell <paramref name="cellId"/> (null when unknown): what that cell's previous run and
    /// the <paramref name="deletedCells"/> displayed is let go, and what this run displays is held by the cell until
    /// the returned scope's flow ends and beyond, until the cell runs again.</summary>
    public static IDisposable RunCell(string? cellId, IEnumerable<string> deletedCells)
    {
        ArgumentNullException.ThrowIfNull(deletedCells);
        lock (Gate)
        {
            foreach (var deleted in deletedCells.Append(cellId ?? NoCell).Where(id => id.Length > 0))
            {
                ByCell.Remove(deleted);
                CellOutputs.Forget(deleted);
            }
        }

        var previous = Current.Value;
        Current.Value = cellId;
        return new Scope(previous);
    }

    /// <summary>The cell whose run is the calling flow's (null outside a cell's run, or when the front end names
    /// none).</summary>
    public static string? CurrentCell => Current.Value;

    /// <summary>Holds <paramref name="widget"/>, shown in an output of the running cell (or of no known cell).</summary>
    public static void Hold(Widget widget)
    {
        var cell = Current.Value ?? NoCell;
        lock (Gate)
        {
            if (!ByCell.TryGetValue(cell, out var held))
            {
                ByCell[cell] = held = [];
            }

            held.Add(widget);
        }
    }

    /// <summary>Lets go of a closed widget wherever it was shown.</summary>
    public static void Release(Widget widget)
    {
        lock (Gate)
        {
            foreach (var held in ByCell.Values)
            {
                held.Remove(widget);
            }
        }
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
