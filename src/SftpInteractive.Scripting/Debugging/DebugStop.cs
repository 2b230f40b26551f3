namespace SftpInteractive.Scripting.Debugging;

/// <summary>Where a cell is stopped: why, and its frames innermost first (each holding its locals as of the
/// statement it is at).</summary>
/// <param name="Reason">DAP's reason: breakpoint, step, pause or exception.</param>
/// <param name="Description">For an exception, its type and message.</param>
/// <param name="Frames">The frames, innermost first.</param>
internal sealed record DebugStop(string Reason, string? Description, IReadOnlyList<DebugFrame> Frames);

/// <summary>A breakpoint as the front end set it.</summary>
/// <param name="Line">1-based line in the cell.</param>
/// <param name="Condition">A C# expression; stops only when it is true.</param>
/// <param name="HitCondition">A hit count: <c>5</c> or <c>==5</c> (the fifth hit), <c>&gt;=5</c>, <c>&gt;5</c>, <c>%5</c> (every fifth).</param>
internal sealed record DebugBreakpoint(int Line, string? Condition, string? HitCondition)
{
    private int _hits;

    /// <summary>Counts a hit and says whether the hit condition lets it stop.</summary>
    public bool Hit()
    {
        var hits = Interlocked.Increment(ref _hits);
        if (string.IsNullOrWhiteSpace(HitCondition))
        {
            return true;
        }

        var text = HitCondition.Trim();
        var op = new string([.. text.TakeWhile(c => c is '=' or '>' or '<' or '%')]);
        if (!int.TryParse(text[op.Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return true;
        }

        return op switch
        {
            ">=" => hits >= n,
            ">" => hits > n,
            "<" => hits < n,
            "<=" => hits <= n,
            "%" => n > 0 && hits % n == 0,
            _ => hits == n,
        };
    }
}
