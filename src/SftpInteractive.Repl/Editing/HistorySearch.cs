namespace SftpInteractive.Repl;

/// <summary>Ctrl+R: the newest history entry containing the query, Ctrl+R again for older ones.</summary>
internal sealed class HistorySearch(IReadOnlyList<string> entries, string original)
{
    private int _index = entries.Count;

    public string Query { get; private set; } = string.Empty;

    public string Original { get; } = original;

    public string? Match { get; private set; }

    public void Type(string text)
    {
        Query += text;
        _index = entries.Count;
        Next();
    }

    public void Backspace()
    {
        Query = Query.Length > 0 ? Query[..^1] : Query;
        _index = entries.Count;
        Next();
    }

    /// <summary>The next older match (staying on the current one when there is none).</summary>
    public void Next()
    {
        for (var i = _index - 1; i >= 0; i--)
        {
            if (Query.Length > 0 && entries[i].Contains(Query, StringComparison.OrdinalIgnoreCase))
            {
                _index = i;
                Match = entries[i];
                return;
            }
        }

        if (Query.Length == 0)
        {
            Match = null;
        }
    }
}
