using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>One Jupyter message: routing identities plus the four JSON parts (and binary buffers).</summary>
/// <param name="Identities">ZeroMQ routing frames before <c>&lt;IDS|MSG&gt;</c>; replies go back through them.</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this message answers, or empty.</param>
/// <param name="Metadata">Always present (nbformat needs the key).</param>
/// <param name="Content">The message body.</param>
/// <param name="Buffers">Extra binary frames.</param>
internal sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The header's msg_type.</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The header's msg_id.</summary>
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Reads a string field of the content.</summary>
    public string ContentString(string name, string fallback = "") =>
        Content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;

    /// <summary>Reads a boolean field of the content.</summary>
    public bool ContentBool(string name, bool fallback) =>
        Content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    /// <summary>Reads an integer field of the content (Python clients send whole numbers, sometimes as floats).</summary>
    public int? ContentInt(string name) =>
        Content[name] is JsonValue v
            ? v.TryGetValue<int>(out var i) ? i : v.TryGetValue<double>(out var d) ? (int)d : null
            : null;
}
