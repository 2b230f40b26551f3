using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>JSON shown as a collapsible tree in notebooks (<c>application/json</c>) and pretty-printed in terminals.</summary>
public sealed class JsonContent : IMimeDisplay
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private JsonContent(JsonNode? node) => Node = node;

    /// <summary>The parsed JSON.</summary>
    public JsonNode? Node { get; }

    /// <summary>Parses JSON text.</summary>
    /// <exception cref="ArgumentException">The text is not valid JSON (the message says where).</exception>
    public static JsonContent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return new JsonContent(JsonNode.Parse(json));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Serializes <paramref name="value"/> with System.Text.Json.</summary>
    public static JsonContent From(object? value) =>
        new(value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType()));

    /// <inheritdoc />
    public string ToText() => Node?.ToJsonString(Indented) ?? "null";

    /// <inheritdoc />
    public IReadOnlyList<MimePart> ToMimeParts() => [new(MimeTypes.Json, Node?.ToJsonString() ?? "null")];

    /// <inheritdoc />
    public override string ToString() => ToText();
}
