using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace SftpInteractive.Scripting;

/// <summary>Turns compiler diagnostics and runtime exceptions into <see cref="SubmissionResult.Failure"/> values:
/// one clear, redacted line for the user, the full trace kept for "show details".</summary>
internal static class ErrorReport
{
    public static SubmissionResult.Failure FromCompilation(CompilationErrorException error)
    {
        var diagnostics = error.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(ToScriptDiagnostic)
            .ToList();
        return FromDiagnostics(diagnostics, error.Message);
    }

    /// <summary>Compile errors already in cell positions (the library part of a cell, <see cref="CellLibraries"/>).</summary>
    public static SubmissionResult.Failure FromDiagnostics(IReadOnlyList<ScriptDiagnostic> diagnostics, string? fallback = null)
    {
        var first = diagnostics.Count > 0 ? diagnostics[0] : null;
        var message = first is null ? Redactor.Redact(fallback ?? "The cell did not compile.") : $"({first.Line},{first.Column}): {first.Message}";
        return new SubmissionResult.Failure(first?.Id ?? "CompilationError", message, diagnostics, string.Empty);
    }

    /// <summary>A runtime error: its message once; the frames of the user's cells named by <paramref name="cells"/>;
    /// our own errors (<see cref="SftpInteractiveException"/>) as their message alone.</summary>
    public static SubmissionResult.Failure FromException(Exception error, CellFrames? cells = null)
    {
        error = Unwrap(error);
        var (name, message) = error switch
        {
            SftpInteractiveException sftp => (sftp.Kind, sftp.Message),
            _ => (error.GetType().Name, $"{error.GetType().Name}: {error.Message}"),
        };
        var frames = error is SftpInteractiveException ? [] : (cells ?? new CellFrames()).Describe(error);
        return new SubmissionResult.Failure(name, Redactor.Redact(message), [], Redactor.Redact(error.ToStringWithTrace()))
        {
            Frames = [.. frames.Select(Redactor.Redact)],
        };
    }

    public static ScriptDiagnostic ToScriptDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var start = span.StartLinePosition;
        var length = d.Location.SourceSpan.Length;
        return new ScriptDiagnostic(d.Id, d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
            Redactor.Redact(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), start.Line + 1, start.Character + 1, length);
    }

    // Sync conveniences (Ls, Run) surface as AggregateException or TargetInvocationException; users want the cause.
    private static Exception Unwrap(Exception error)
    {
        while (true)
        {
            switch (error)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    error = aggregate.InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    error = inner;
                    continue;
                default:
                    return error;
            }
        }
    }

    // SftpInteractiveException.ToString() is deliberately one line; the details view needs the real trace.
    private static string ToStringWithTrace(this Exception error) =>
        $"{error.GetType().FullName}: {error.Message}\n{error.StackTrace}" +
        (error.InnerException is { } inner ? $"\n---> {inner.ToStringWithTrace()}" : string.Empty);
}
