using System.Text;

namespace SftpInteractive.Scripting;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> per async flow: a running submission writes to its
/// sink, while everything else (the host's own output, completion requests on other threads) keeps writing to the
/// original streams. Installed once; swapping Console.Out per submission would misroute concurrent writers.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly AsyncLocal<IDisplaySink?> Current = new();
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Sends this flow's console output to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable Route(IDisplaySink sink)
    {
        Install();
        var previous = Current.Value;
        Current.Value = sink;
        return new Scope(previous);
    }

    private static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            var stdout = Console.Out;
            var stderr = Console.Error;
            Console.SetOut(new RoutingWriter(stdout, static s => s.StandardOutput));
            Console.SetError(new RoutingWriter(stderr, static s => s.StandardError));
            _installed = true;
        }
    }

    private sealed class Scope(IDisplaySink? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    /// <summary>A writer that forwards to the current flow's sink, or to the original stream outside submissions.</summary>
    private sealed class RoutingWriter(TextWriter fallback, Func<IDisplaySink, TextWriter> select) : TextWriter
    {
        private TextWriter Target => Current.Value is { } sink ? select(sink) : fallback;

        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(Redactor.Redact(value));

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Target.WriteLine(Redactor.Redact(value));

        public override void WriteLine() => Target.WriteLine();

        public override void Flush() => Target.Flush();

        public override Task WriteAsync(string? value) => Target.WriteAsync(Redactor.Redact(value));

        public override Task WriteLineAsync(string? value) => Target.WriteLineAsync(Redactor.Redact(value));

        public override Task FlushAsync() => Target.FlushAsync();
    }
}
