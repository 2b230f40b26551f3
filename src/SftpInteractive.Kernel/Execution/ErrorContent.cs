using System.Text.Json.Nodes;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Execution;

/// <summary>The ename / evalue / traceback triple of an <c>error</c> message and an error execute_reply.</summary>
internal static class ErrorContent
{
    /// <summary>Name used when a cell was interrupted.</summary>
    public const string CancelledName = JupyterOutput.CancelledName;

    public static JsonObject From(SubmissionResult.Failure failure) => JupyterOutput.Error(failure);

    public static JsonObject From(SubmissionResult.Cancelled cancelled) => JupyterOutput.Error(cancelled);

    /// <summary>A failure of the kernel itself (the engine threw instead of returning a result).</summary>
    public static JsonObject From(Exception exception) =>
        Build(exception.GetType().Name, exception.Message, [Red(exception.GetType().Name) + ": " + exception.Message, exception.StackTrace ?? ""]);

    private static JsonObject Build(string name, string message, JsonArray traceback) =>
        new() { ["ename"] = name, ["evalue"] = message, ["traceback"] = traceback };

    // Front ends render ANSI colour in tracebacks, as they do for ipykernel.
    private static string Red(string text) => "\u001b[0;31m" + text + "\u001b[0m";
}
