using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets.Comms;

/// <summary>One message on a comm, from the front end: its <c>data</c>, <c>metadata</c> and binary buffers.</summary>
/// <param name="Data">The message's <c>content.data</c>.</param>
/// <param name="Metadata">The message's metadata.</param>
/// <param name="Buffers">Binary frames sent with the message, in order.</param>
public sealed record CommMessage(JsonObject Data, JsonObject Metadata, IReadOnlyList<byte[]> Buffers);
