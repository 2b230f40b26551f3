using System.Text;

namespace SftpInteractive.Repl;

/// <summary>Submissions persisted across runs, one per line (newlines escaped), newest last. Secrets are redacted
/// before they reach the file.</summary>
internal sealed class ReplHistory
{
    private const int MaxEntries = 1000;
    private readonly string? _path;
    private readonly List<string> _entries = [];

    public ReplHistory(string? path)
    {
        _path = path;
        if (path is null || !File.Exists(path))
        {
            return;
        }

        try
        {
            _entries.AddRange(File.ReadLines(path).Where(l => l.Length > 0).Select(Unescape).TakeLast(MaxEntries));
        }
        catch (IOException)
        {
            // An unreadable history file must not stop the REPL from starting.
        }
    }

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry)
    {
        entry = Redactor.Redact(entry.TrimEnd());
        if (entry.Length == 0 || (_entries.Count > 0 && _entries[^1] == entry))
        {
            return;
        }

        _entries.Add(entry);
        if (_path is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.AppendAllText(_path, Escape(entry) + "\n");
        }
        catch (IOException)
        {
            // Keeping the session going matters more than persisting one entry.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: a read-only home directory only loses history.
        }
    }

    private static string Escape(string entry) => entry.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static string Unescape(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                sb.Append(line[++i] == 'n' ? '\n' : line[i]);
            }
            else
            {
                sb.Append(line[i]);
            }
        }

        return sb.ToString();
    }
}
