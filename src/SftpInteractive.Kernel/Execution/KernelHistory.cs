using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// Inputs (and text outputs) of this kernel's cells for <c>history_request</c>: tail, range and glob search with
/// unique and n, numbered like IPython's (session, line) pairs. Kept in memory: one kernel process is one session.
/// </summary>
internal sealed class KernelHistory
{
    /// <summary>Session number in replies.</summary>
    public const int Session = 1;

    private readonly List<Entry> _entries = [];
    private readonly Lock _lock = new();

    public void Add(int line, string input, string? output)
    {
        lock (_lock)
        {
            _entries.Add(new Entry(line, input, output));
        }
    }

    /// <summary>The last <paramref name="n"/> entries.</summary>
    public JsonArray Tail(int n, bool output) => Render(Snapshot().TakeLast(Math.Max(0, n)), output);

    /// <summary>Lines in [start, stop) of <paramref name="session"/> (stop 0 or absent: to the end; negative
    /// session: this one, counted back, as IPython does).</summary>
    public JsonArray Range(int session, int start, int? stop, bool output)
    {
        if (session > 0 && session != Session)
        {
            return [];
        }

        var entries = Snapshot().Where(e => e.Line >= start && (stop is null or <= 0 || e.Line < stop));
        return Render(entries, output);
    }

    /// <summary>Inputs matching a glob (<c>*</c>, <c>?</c>, <c>[...]</c>) over the whole input, as SQLite GLOB does.</summary>
    public JsonArray Search(string pattern, int? n, bool unique, bool output)
    {
        var regex = new Regex("^" + GlobToRegex(pattern) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var matches = Snapshot().Where(e => regex.IsMatch(e.Input)).ToList();
        if (unique)
        {
            // Keep the latest occurrence of each input, in order.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            matches = matches.AsEnumerable().Reverse().Where(e => seen.Add(e.Input)).Reverse().ToList();
        }

        return Render(n is > 0 ? matches.TakeLast(n.Value) : matches, output);
    }

    // SQLite GLOB: '*', '?' and '[...]' over the whole input, newlines included; an unclosed '[' is literal.
    internal static string GlobToRegex(string glob) => Wildcard.ToRegex(glob, WildcardOptions.CharacterClasses | WildcardOptions.LenientBrackets);

    private List<Entry> Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    private static JsonArray Render(IEnumerable<Entry> entries, bool output)
    {
        var array = new JsonArray();
        foreach (var e in entries)
        {
            JsonNode value = output ? new JsonArray { e.Input, e.Output } : JsonValue.Create(e.Input);
            array.Add(new JsonArray { Session, e.Line, value });
        }

        return array;
    }

    private sealed record Entry(int Line, string Input, string? Output);
}
