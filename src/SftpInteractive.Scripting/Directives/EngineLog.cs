namespace SftpInteractive.Scripting;

/// <summary>
/// Where the connection log (<see cref="SftpLog"/>) goes in a host: the host's own <see cref="Writer"/> when it has one
/// (the REPL: its stderr, so a piped script's stdout stays clean, start-up connect included), else the standard error
/// of the submission running now (the kernel cell's <c>stderr</c> stream); lines outside any submission are dropped.
/// </summary>
public static class EngineLog
{
    private static volatile IDisplaySink? _active;

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
        var previous = _active;
        _active = sink;
        return new Scope(previous);
    }

    private static void Write(string line)
    {
        var target = _writer ?? _active?.StandardError;
        target?.WriteLine(line);
        target?.Flush();
    }

    private sealed class Scope(IDisplaySink? previous) : IDisposable
    {
        public void Dispose() => _active = previous;
    }
}
