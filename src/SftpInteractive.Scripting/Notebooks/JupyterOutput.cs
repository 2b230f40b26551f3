using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>
/// The one definition of how a submission's output looks in Jupyter's terms: the kernel sends these as message
/// content, <c>sftpi run --output</c> stores them as nbformat outputs, so both carry the same MIME bundles and errors.
/// </summary>
public static class JupyterOutput
{
    /// <summary>Name used when a cell was interrupted.</summary>
    public const string CancelledName = "Cancelled";

    /// <summary>The rendered bundle as Jupyter's <c>data</c>: text/plain always, then whatever the value provides
    /// (HTML, markdown, base64 images, SVG; JSON types as JSON values, as nbformat expects).</summary>
    public static JsonObject MimeBundle(RenderedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = new JsonObject();
        foreach (var part in value.Bundle)
        {
            // nbformat allows no null output value: JSON null stays text/plain only.
            if ((MimeTypes.IsJson(part.MimeType) ? JsonValueOf(part.Content) : part.Content) is { } content)
            {
                data[part.MimeType] = content;
            }
        }

        return data;
    }

    /// <summary>The <c>ename</c> / <c>evalue</c> / <c>traceback</c> of a failed submission.</summary>
    public static JsonObject Error(SubmissionResult.Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var traceback = new JsonArray();
        var message = failure.Message;
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
            // Runtime errors: the message once (the engine's often starts with the name already: "IOException: ..."),
            // then the frames of the user's cells and one line for the rest (all of them with DisplayOptions.FullErrors).
            // evalue is the message without the name, as ipykernel's: front ends and nbclient show "ename: evalue".
            var prefix = failure.Name + ":";
            message = failure.Message.StartsWith(prefix, StringComparison.Ordinal) ? failure.Message[prefix.Length..].TrimStart() : failure.Message;
            traceback.Add(Red(failure.Name) + ": " + message);
            foreach (var line in failure.TraceLines)
            {
                traceback.Add(line);
            }
        }

        return Build(failure.Name, message, traceback);
    }

    /// <summary>The <c>ename</c> / <c>evalue</c> / <c>traceback</c> of a cancelled submission.</summary>
    public static JsonObject Error(SubmissionResult.Cancelled cancelled)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        return Build(CancelledName, cancelled.Message, [Red(CancelledName) + ": " + cancelled.Message]);
    }

    private static JsonObject Build(string name, string message, JsonArray traceback) =>
        new() { ["ename"] = name, ["evalue"] = message, ["traceback"] = traceback };

    // Front ends render ANSI colour in tracebacks, as they do for ipykernel.
    private static string Red(string text) => "\u001b[0;31m" + text + "\u001b[0m";

    private static JsonNode? JsonValueOf(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
