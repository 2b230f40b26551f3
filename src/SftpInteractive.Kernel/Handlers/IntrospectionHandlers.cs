using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Handlers;

/// <summary>complete, inspect and is_complete: answered from the engine, which allows these while a cell runs.</summary>
internal sealed class IntrospectionHandlers
{
    private readonly IInteractiveEngine _engine;

    public IntrospectionHandlers(IInteractiveEngine engine) => _engine = engine;

    public async Task<JsonObject> CompleteAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        var code = request.ContentString("code");
        var cursor = CodePoints.ToUtf16(code, request.ContentInt("cursor_pos") ?? code.Length);
        var list = await _engine.CompleteAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        var start = CodePoints.FromUtf16(code, list.Start);
        var end = CodePoints.FromUtf16(code, list.End);
        var matches = new JsonArray();
        var types = new JsonArray();
        foreach (var item in list.Items)
        {
            matches.Add(item.Text);

            // JupyterLab shows kinds and signatures from this (still "experimental" in the spec, used widely).
            types.Add(new JsonObject
            {
                ["start"] = start,
                ["end"] = end,
                ["text"] = item.Text,
                ["type"] = CompletionTypes.ToJupyter(item.Kind),
                ["signature"] = item.Detail ?? string.Empty,
            });
        }

        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = matches,
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
        };
    }

    public async Task<JsonObject> InspectAsync(JupyterMessage request, CancellationToken cancellationToken)
    {
        var code = request.ContentString("code");
        var cursor = CodePoints.ToUtf16(code, request.ContentInt("cursor_pos") ?? code.Length);
        var result = await _engine.InspectAsync(code, cursor, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject();
        if (result is not null)
        {
            data["text/plain"] = result.Text;
            if (!string.IsNullOrEmpty(result.Html))
            {
                data["text/html"] = result.Html;
            }
        }

        return new JsonObject { ["status"] = "ok", ["found"] = result is not null, ["data"] = data, ["metadata"] = new JsonObject() };
    }

    public JsonObject IsComplete(JupyterMessage request)
    {
        var code = request.ContentString("code");
        var (status, indent) = SyntaxCheck.Classify(code, _engine.IsComplete(code));
        var content = new JsonObject { ["status"] = status };
        if (status == "incomplete")
        {
            content["indent"] = indent;
        }

        return content;
    }
}
