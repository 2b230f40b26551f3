using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>The open completion menu: the engine's items for the span starting at <see cref="Start"/>, filtered by
/// what is typed after it, one selected. Pure; the editor draws it under the cursor.</summary>
internal sealed class CompletionMenu(IReadOnlyList<CompletionEntry> items, int start)
{
    public const int Rows = 8;

    private List<CompletionEntry> _shown = [.. items];

    public int Start { get; } = start;

    public IReadOnlyList<CompletionEntry> Shown => _shown;

    public int Selected { get; private set; }

    public CompletionEntry? Current => _shown.Count == 0 ? null : _shown[Selected];

    /// <summary>The selected item's signature and summary once known (null: not asked yet or nothing to say).</summary>
    public string? Doc { get; set; }

    /// <summary>The first shown row (the menu scrolls with the selection).</summary>
    public int Top { get; private set; }

    /// <summary>Keeps the items that start with <paramref name="typed"/> (those that merely contain it after them);
    /// false when none is left.</summary>
    public bool Filter(string typed)
    {
        var previous = Current;
        _shown = [.. items.Where(i => i.Text.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Concat(items.Where(i => typed.Length > 0 && !i.Text.StartsWith(typed, StringComparison.OrdinalIgnoreCase) &&
                                     i.Text.Contains(typed, StringComparison.OrdinalIgnoreCase)))];
        Selected = previous is not null && _shown.IndexOf(previous) is >= 0 and var kept ? kept : 0;
        Top = Math.Clamp(Top, Math.Max(0, Selected - Rows + 1), Selected);
        if (Current != previous)
        {
            Doc = null;
        }

        return _shown.Count > 0;
    }

    public void Move(int delta)
    {
        if (_shown.Count == 0)
        {
            return;
        }

        Selected = (Selected + delta + _shown.Count) % _shown.Count;
        Top = Selected < Top ? Selected : Selected >= Top + Rows ? Selected - Rows + 1 : Top;
        Doc = null;
    }
}
