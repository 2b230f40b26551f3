using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>Builds outgoing messages with fresh headers: a new msg_id each time, the kernel's session id,
/// version 5.3 (older versions make clients run their v4 adapter) and a microsecond UTC date.</summary>
internal sealed class MessageFactory
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    private readonly TimeProvider _time;

    public MessageFactory(string session, string username, TimeProvider time)
    {
        Session = session;
        Username = username;
        _time = time;
    }

    /// <summary>The kernel's session id (one per process).</summary>
    public string Session { get; }

    /// <summary>The user name in headers.</summary>
    public string Username { get; }

    /// <summary>A fresh header.</summary>
    public JsonObject Header(string msgType) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = Session,
        ["username"] = Username,
        ["date"] = JupyterDate.Format(_time.GetUtcNow()),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>A reply routed back to the requester (shell, control, stdin).</summary>
    public JupyterMessage Reply(JupyterMessage request, string msgType, JsonObject content) =>
        new(request.Identities, Header(msgType), (JsonObject)request.Header.DeepClone(), [], content, []);

    /// <summary>A message sent to the client of <paramref name="parent"/> on its behalf (stdin prompts).</summary>
    public JupyterMessage Request(JupyterMessage parent, string msgType, JsonObject content) =>
        new(parent.Identities, Header(msgType), (JsonObject)parent.Header.DeepClone(), [], content, []);

    /// <summary>An iopub broadcast; the topic frame is the message type, as ipykernel does.</summary>
    public JupyterMessage Broadcast(JupyterMessage? parent, string msgType, JsonObject content) =>
        new([System.Text.Encoding.UTF8.GetBytes("kernel." + Session + "." + msgType)], Header(msgType),
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(), [], content, []);
}
