using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Execution;
using SftpInteractive.Kernel.Protocol;

namespace SftpInteractive.Kernel.Handlers;

/// <summary>history_request: tail, range and search over this kernel's cells.</summary>
internal static class HistoryHandler
{
    public static JsonObject Reply(JupyterMessage request, KernelHistory history)
    {
        var output = request.ContentBool("output", false);
        var entries = request.ContentString("hist_access_type", "tail") switch
        {
            "range" => history.Range(request.ContentInt("session") ?? 0, request.ContentInt("start") ?? 0, request.ContentInt("stop"), output),
            "search" => history.Search(request.ContentString("pattern", "*"), request.ContentInt("n"), request.ContentBool("unique", false), output),
            _ => history.Tail(request.ContentInt("n") ?? 10, output),
        };
        return new JsonObject { ["status"] = "ok", ["history"] = entries };
    }
}
