using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Kernel.Execution;

/// <summary>A comm_open, comm_msg or comm_close from the front end, handed to <see cref="CommHub"/> on the worker (so
/// callbacks run one at a time with cells, in order).</summary>
internal static class CommRequest
{
    public static bool IsComm(JupyterMessage request) => request.MessageType is "comm_open" or "comm_msg" or "comm_close";

    /// <summary>Delivers the message; returns false for a comm_open no target accepted (the kernel then closes it).</summary>
    public static bool Deliver(JupyterMessage request, TextWriter log)
    {
        var commId = request.ContentString("comm_id");
        var message = new CommMessage(request.Content["data"] as JsonObject ?? [], request.Metadata, request.Buffers);
        switch (request.MessageType)
        {
            case "comm_open":
                return CommHub.HandleOpen(commId, request.ContentString("target_name"), message);
            case "comm_msg":
                if (!CommHub.HandleMessage(commId, message))
                {
                    log.WriteLine($"comm_msg for unknown comm {commId} ignored.");
                }

                return true;
            default:
                CommHub.HandleClose(commId, message);
                return true;
        }
    }

    /// <summary>The comm_info_reply content: open comms, those of the requested target only when one is named.</summary>
    public static JsonObject Info(JupyterMessage request)
    {
        var comms = new JsonObject();
        foreach (var (id, target) in CommHub.OpenComms(request.ContentString("target_name")))
        {
            comms[id] = new JsonObject { ["target_name"] = target };
        }

        return new JsonObject { ["status"] = "ok", ["comms"] = comms };
    }
}
