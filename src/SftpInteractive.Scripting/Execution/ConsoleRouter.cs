using System.Text;

namespace SftpInteractive.Scripting;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> per async flow: a running submission writes to its
/// sink (<see cref="ScriptSubmission.CurrentSink"/>), while everything else (the host's own output, completion requests
/// on other threads) keeps writing to the original streams. Installed once; swapping Console.Out per submission would
/// misroute concurrent writers.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly Lock Gate = new();
    private static bool _installed;
    private static RoutingWriter? _out;
    private static RoutingWriter? _error;

    // Set while .NET Interactive's own displayed-value handler runs after ours (see NotebookDisplay.BeforeEngineKernel):
    // it would print the value we have just shown a second time. One thread, between two handlers of one event.
    [ThreadStatic]
    private static bool _muted;

    /// <summary>Installs the routing writers (once) and ends this thread's <see cref="Mute"/>: a submission is about to
    /// start (<see cref="ScriptSubmission.Enter"/>).</summary>
    public static void Prepare()
    {
        Install();
        _muted = false;
    }

    /// <summary>Drops this thread's console output until <see cref="Unmute"/>.</summary>
    public static void Mute() => _muted = true;

    /// <summary>Ends <see cref="Mute"/>.</summary>
    public static void Unmute() => _muted = false;

    /// <summary>Puts the routing writers back if other code replaced <see cref="Console.Out"/> (a .NET Interactive
    /// invocation context captures the console while it lives and restores what it found, normally ours).</summary>
    public static void Reinstall()
    {
        lock (Gate)
        {
            if (_installed && Console.Out is not RoutingWriter)
            {
                Console.SetOut(_out!);
            }

            if (_installed && Console.Error is not RoutingWriter)
            {
                Console.SetError(_error!);
            }
        }
    }

    private static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            _out = new RoutingWriter(Console.Out, static s => s.StandardOutput);
            _error = new RoutingWriter(Console.Error, static s => s.StandardError);
            Console.SetOut(_out);
            Console.SetError(_error);
            _installed = true;
        }
    }

    /// <summary>A writer that forwards to the current flow's sink, or to the original stream outside submissions.</summary>
    private sealed class RoutingWriter(TextWriter fallback, Func<IDisplaySink, TextWriter> select) : TextWriter
    {
        private TextWriter Target => _muted ? Null : ScriptSubmission.CurrentSink is { } sink ? select(sink) : fallback;

        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(Clean(value));

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Target.WriteLine(Clean(value));

        public override void WriteLine() => Target.WriteLine();

        public override void Flush() => Target.Flush();

        public override Task WriteAsync(string? value) => Target.WriteAsync(Clean(value));

        public override Task WriteLineAsync(string? value) => Target.WriteLineAsync(Clean(value));

        // The engine's promise to any sink (a library user's too): what user code writes arrives redacted. A secret
        // written in pieces is joined by the host's own boundary (RedactingWriter, the kernel's JupyterStreamWriter).
        private static string Clean(string? value) => Redactor.Redact(value);

        public override Task FlushAsync() => Target.FlushAsync();
    }
}
