using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Transport;

/// <summary>
/// The one way messages leave the kernel: every string in every content goes through
/// <see cref="Redactor.Redact"/> here, so no handler can leak a loaded secret by forgetting to.
/// </summary>
internal sealed class KernelOutput
{
    private readonly KernelSockets _sockets;

    public KernelOutput(KernelSockets sockets, MessageFactory factory)
    {
        _sockets = sockets;
        Factory = factory;
    }

    /// <summary>Header and message builder.</summary>
    public MessageFactory Factory { get; }

    /// <summary>Replies to a request on the channel it came from.</summary>
    public void Reply(KernelChannel channel, JupyterMessage request, string msgType, JsonObject content) =>
        _sockets.Send(channel, Factory.Reply(request, msgType, Redact(content)));

    /// <summary>Publishes on iopub with <paramref name="parent"/> as parent header.</summary>
    public void Publish(JupyterMessage? parent, string msgType, JsonObject content) =>
        _sockets.Send(KernelChannel.IoPub, Factory.Broadcast(parent, msgType, Redact(content)));

    /// <summary>Publishes on iopub with metadata and binary buffers (comm messages).</summary>
    public void Publish(JupyterMessage? parent, string msgType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers) =>
        _sockets.Send(KernelChannel.IoPub, Factory.Broadcast(parent, msgType, Redact(content)) with { Metadata = metadata, Buffers = buffers });

    /// <summary>Publishes <c>status</c> (busy, idle, starting).</summary>
    public void Status(JupyterMessage? parent, string state) =>
        Publish(parent, "status", new JsonObject { ["execution_state"] = state });

    /// <summary>Sends a stdin request (input_request) to the client that sent <paramref name="parent"/>.</summary>
    public void StdinRequest(JupyterMessage parent, string msgType, JsonObject content) =>
        _sockets.Send(KernelChannel.Stdin, Factory.Request(parent, msgType, Redact(content)));

    /// <summary>Replaces registered secrets in every string of <paramref name="node"/>, in place.</summary>
    internal static JsonObject Redact(JsonObject node)
    {
        RedactNode(node);
        return node;
    }

    private static void RedactNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        var clean = Redactor.Redact(s);
                        if (!ReferenceEquals(clean, s) && clean != s)
                        {
                            obj[key] = clean;
                        }
                    }
                    else
                    {
                        RedactNode(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        var clean = Redactor.Redact(s);
                        if (clean != s)
                        {
                            array[i] = clean;
                        }
                    }
                    else
                    {
                        RedactNode(array[i]);
                    }
                }

                break;
        }
    }
}
