using System.Globalization;

namespace SftpInteractive;

/// <summary>
/// How long results show, for the whole session: a table or sequence of more than <see cref="MaxRows"/> rows shows its
/// first and last rows with a "… N more rows (M in all)" line between them (pandas' head-and-tail view); the value
/// itself keeps every row. The REPL also fits a table to the terminal's height. <c>DisplayAll(x)</c> shows one value
/// in full.
/// </summary>
public static class DisplayOptions
{
    /// <summary>The default of <see cref="MaxRows"/>: about two screens of a notebook, small enough that the cell after a
    /// big <c>Find</c> is still in sight, large enough that an ordinary folder shows whole.</summary>
    public const int DefaultMaxRows = 100;

    private static readonly AsyncLocal<Box?> Scoped = new();
    private static readonly Box Session = new();

    /// <summary>Most rows a table, listing, search result, plan, report or sequence shows (default
    /// <see cref="DefaultMaxRows"/>); <see cref="int.MaxValue"/> shows everything.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public static int MaxRows
    {
        get => (Scoped.Value ?? Session).MaxRows;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            (Scoped.Value ?? Session).MaxRows = value;
        }
    }

    /// <summary>When true, an error shows every stack frame (ours, Roslyn's and the runtime's) instead of the frames of
    /// the user's cells and one line for the rest; like IPython's <c>%xmode Verbose</c>.</summary>
    public static bool FullErrors
    {
        get => (Scoped.Value ?? Session).FullErrors;
        set => (Scoped.Value ?? Session).FullErrors = value;
    }

    /// <summary>Makes <paramref name="maxRows"/> the limit for the current async flow until disposed (showing one
    /// value in full, drawing a table to fit a terminal), without changing the session's setting.</summary>
    /// <param name="maxRows">The limit while the scope lasts.</param>
    public static IDisposable Use(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        var previous = Scoped.Value;
        Scoped.Value = new Box { MaxRows = maxRows, FullErrors = (previous ?? Session).FullErrors };
        return new Scope(previous);
    }

    /// <summary>The rows a table of <paramref name="total"/> rows shows under <paramref name="maxRows"/>: all of them,
    /// or the first <c>Head</c> and the last <c>Tail</c> (the one definition every host and format uses).</summary>
    /// <param name="total">Rows the value has.</param>
    /// <param name="maxRows">The limit (default: <see cref="MaxRows"/>).</param>
    public static (int Head, int Tail) Window(int total, int? maxRows = null)
    {
        var limit = maxRows ?? MaxRows;
        if (total <= limit)
        {
            return (total, 0);
        }

        return (limit - (limit / 2), limit / 2);
    }

    /// <summary>The line between the first and last rows: <c>… 400 more rows (500 in all)</c>.</summary>
    /// <param name="hidden">Rows not shown.</param>
    /// <param name="total">Rows the value has.</param>
    /// <param name="noun">What a row is (default "row").</param>
    public static string MoreLine(int hidden, int total, string noun = "row") =>
        "… " + Format.Count(hidden, "more " + noun) + " (" + total.ToString(CultureInfo.InvariantCulture) + " in all)";

    private sealed class Box
    {
        public int MaxRows { get; set; } = DefaultMaxRows;

        public bool FullErrors { get; set; }
    }

    private sealed class Scope(Box? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }
}
