namespace SftpInteractive.Scripting;

/// <summary>
/// Where the connection log (<see cref="SftpLog"/>) goes in a host: the host's own <see cref="Writer"/> when it has one
/// (the REPL: its stderr, so a piped script's stdout stays clean, start-up connect included), else the standard error
/// of the submission running now (the kernel cell's <c>stderr</c> stream); lines outside any submission are dropped.
/// </summary>
public static class EngineLog
{
    private static volatile IDisplaySink? _active;

    /// <summary>The host's log writer; null sends lines to the running submission's standard error.</summary>
    public static TextWriter? Writer { get; set; }

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
        var target = Writer ?? _active?.StandardError;
        target?.WriteLine(line);
        target?.Flush();
    }

    private sealed class Scope(IDisplaySink? previous) : IDisposable
    {
        public void Dispose() => _active = previous;
    }
}
