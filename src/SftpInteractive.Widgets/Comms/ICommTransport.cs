using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets.Comms;

/// <summary>How comm messages leave the process: the Jupyter kernel publishes them on iopub. Hosts without a front end
/// (the REPL, <c>sftpi run</c>) install none, and comms then only live on this side.</summary>
internal interface ICommTransport
{
    /// <summary>Sends <c>comm_open</c>, <c>comm_msg</c> or <c>comm_close</c> with <paramref name="content"/> (comm_id,
    /// target_name, data) and binary <paramref name="buffers"/>.</summary>
    void Send(string messageType, JsonObject content, JsonObject metadata, IReadOnlyList<byte[]> buffers);
}
