using SftpInteractive.Scripting;
using Spectre.Console;

namespace SftpInteractive.Repl;

/// <summary>Shows a submission's outcome: the value, compiler errors with a caret under the column, a runtime error
/// as one line (the trace waits for <c>#trace</c>), or a cancellation.</summary>
internal sealed class ResultPrinter(IAnsiConsole console, ReplSink sink, bool interactive)
{
    public void Print(string code, SubmissionResult result)
    {
        switch (result)
        {
            case SubmissionResult.Success { HasValue: true, Rendered: { } rendered }:
                sink.Write(rendered);
                break;
            case SubmissionResult.Success:
                break;
            case SubmissionResult.Failure { Diagnostics.Count: > 0 } failure:
                PrintDiagnostics(code, failure.Diagnostics);
                break;
            case SubmissionResult.Failure failure:
                // The same lines a notebook shows (JupyterOutput.Error): the message once, the user's frames, one line
                // for the rest; #trace still prints the last full trace. The REPL's output boundary redacts them.
                var lines = failure.TraceLines;
                console.MarkupLine($"[red]{Markup.Escape(failure.Message)}[/]" +
                                   (interactive && lines.Count == 0 && failure.StackTrace.Length > 0 ? " [grey](#trace for details)[/]" : string.Empty));
                foreach (var line in lines)
                {
                    console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
                }

                break;
            case SubmissionResult.Cancelled cancelled:
                console.MarkupLine($"[yellow]{Markup.Escape(cancelled.Message)}[/]");
                break;
        }
    }

    private void PrintDiagnostics(string code, IReadOnlyList<ScriptDiagnostic> diagnostics)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        foreach (var d in diagnostics.Take(5))
        {
            console.MarkupLine($"[red]error {Markup.Escape(d.Id)}[/] [grey]({d.Line},{d.Column})[/]: {Markup.Escape(d.Message)}");
            if (d.Line >= 1 && d.Line <= lines.Length)
            {
                var line = lines[d.Line - 1];
                var caret = new string(' ', Math.Max(0, d.Column - 1)) + new string('^', Math.Clamp(d.Length, 1, Math.Max(1, line.Length - d.Column + 1)));
                console.WriteLine("  " + line);
                console.MarkupLine("  [red]" + caret + "[/]");
            }
        }

        if (diagnostics.Count > 5)
        {
            console.MarkupLine($"[grey]… and {diagnostics.Count - 5} more errors[/]");
        }
    }
}
