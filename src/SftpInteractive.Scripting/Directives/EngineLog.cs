namespace SftpInteractive.Scripting;

/// <summary>
/// Where the connection log (<see cref="SftpLog"/>) goes in a host: the standard error of the submission running now
/// (the REPL's terminal, the kernel cell's <c>stderr</c> stream), else the host's <see cref="Fallback"/> (the REPL's
/// stderr during its start-up connect; nothing in the kernel).
/// </summary>
public static class EngineLog
{
    private static volatile IDisplaySink? _active;

    /// <summary>Receives log lines written while no submission runs; null drops them.</summary>
    public static TextWriter? Fallback { get; set; }

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
        var target = _active?.StandardError ?? Fallback;
        target?.WriteLine(line);
        target?.Flush();
    }

    private sealed class Scope(IDisplaySink? previous) : IDisposable
    {
        public void Dispose() => _active = previous;
    }
}
