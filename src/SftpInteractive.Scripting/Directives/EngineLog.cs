namespace SftpInteractive.Scripting;

/// <summary>
/// Where the connection log (<see cref="SftpLog"/>) goes in a host: the host's own <see cref="Writer"/> when it has one
/// (the REPL: its stderr, so a piped script's stdout stays clean, start-up connect included), else the standard error
/// of the submission running now (the kernel cell's <c>stderr</c> stream); lines outside any submission are dropped.
/// </summary>
public static class EngineLog
{
    // The submissions running now, the latest last: a line goes to the latest. Each scope removes only its own entry,
    // so a submission that ends late (a cancelled one still unwinding) cannot take the log from the one running now.
    private static readonly List<IDisplaySink> Active = [];

    private static volatile TextWriter? _writer;

    /// <summary>The host's log writer; null sends lines to the running submission's standard error. Setting it also
    /// makes the engine the log's writer at once, so lines logged before an engine exists (the start-up connect runs
    /// beside the engine's creation) are not lost.</summary>
    public static TextWriter? Writer
    {
        get => _writer;
        set
        {
            _writer = value;
            Install();
        }
    }

    /// <summary>Makes the engine the log's writer (once per process).</summary>
    internal static void Install() => SftpLog.Writer ??= Write;

    /// <summary>Sends log lines to <paramref name="sink"/> until disposed.</summary>
    internal static IDisposable Activate(IDisplaySink sink)
    {
        lock (Active)
        {
            Active.Add(sink);
        }

        return new Scope(sink);
    }

    private static void Write(string line)
    {
        TextWriter? target = _writer;
        if (target is null)
        {
            lock (Active)
            {
                target = Active.Count > 0 ? Active[^1].StandardError : null;
            }
        }

        target?.WriteLine(line);
        target?.Flush();
    }

    private sealed class Scope(IDisplaySink sink) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (Active)
                {
                    Active.RemoveAt(Active.LastIndexOf(sink));
                }
            }
        }
    }
}
