using System.Text.Json.Nodes;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Execution;

/// <summary>The ename / evalue / traceback triple of an <c>error</c> message and an error execute_reply.</summary>
internal static class ErrorContent
{
    /// <summary>Name used when a cell was interrupted.</summary>
    public const string CancelledName = "Cancelled";

    public static JsonObject From(SubmissionResult.Failure failure)
    {
        var traceback = new JsonArray();
        if (failure.Diagnostics.Count > 0)
        {
            // Compile errors: every diagnostic with its position, which already says all the message does.
            foreach (var diagnostic in failure.Diagnostics)
            {
                traceback.Add(diagnostic.ToString());
            }
        }
        else
        {
            // Runtime errors: the engine's message often starts with the name already ("IOException: ...").
            var prefix = failure.Name + ":";
            traceback.Add(failure.Message.StartsWith(prefix, StringComparison.Ordinal)
                ? Red(failure.Name) + failure.Message[failure.Name.Length..]
                : Red(failure.Name) + ": " + failure.Message);
            if (!string.IsNullOrWhiteSpace(failure.StackTrace))
            {
                traceback.Add(failure.StackTrace);
            }
        }

        return Build(failure.Name, failure.Message, traceback);
    }

    public static JsonObject From(SubmissionResult.Cancelled cancelled) =>
        Build(CancelledName, cancelled.Message, [Red(CancelledName) + ": " + cancelled.Message]);

    /// <summary>A failure of the kernel itself (the engine threw instead of returning a result).</summary>
    public static JsonObject From(Exception exception) =>
        Build(exception.GetType().Name, exception.Message, [Red(exception.GetType().Name) + ": " + exception.Message, exception.StackTrace ?? ""]);

    private static JsonObject Build(string name, string message, JsonArray traceback) =>
        new() { ["ename"] = name, ["evalue"] = message, ["traceback"] = traceback };

    // Front ends render ANSI colour in tracebacks, as they do for ipykernel.
    private static string Red(string text) => "\u001b[0;31m" + text + "\u001b[0m";
}
