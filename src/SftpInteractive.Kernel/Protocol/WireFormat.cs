using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>
/// The ZeroMQ framing of a Jupyter message: identities, <c>&lt;IDS|MSG&gt;</c>, HMAC signature, header,
/// parent header, metadata, content, buffers.
/// </summary>
internal static class WireFormat
{
    /// <summary>The delimiter between routing identities and the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    // Relaxed escaping keeps HTML readable in the JSON; it is still valid JSON for every client.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises and signs a message into frames.</summary>
    public static List<byte[]> Encode(JupyterMessage message, MessageSigner signer)
    {
        var parts = new[] { ToBytes(message.Header), ToBytes(message.ParentHeader), ToBytes(message.Metadata), ToBytes(message.Content) };
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        frames.AddRange(parts);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>Parses frames; returns false with a reason when the message is malformed or wrongly signed.</summary>
    public static bool TryDecode(IReadOnlyList<byte[]> frames, MessageSigner signer, out JupyterMessage? message, out string error)
    {
        message = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            error = "no <IDS|MSG> delimiter followed by signature and four JSON parts";
            return false;
        }

        var parts = new[] { frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5] };
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), parts))
        {
            error = "invalid signature";
            return false;
        }

        try
        {
            message = new JupyterMessage(
                frames.Take(delimiter).ToList(),
                ParseObject(parts[0]),
                ParseObject(parts[1]),
                ParseObject(parts[2]),
                ParseObject(parts[3]),
                frames.Skip(delimiter + 6).ToList());
        }
        catch (JsonException ex)
        {
            error = "malformed JSON: " + ex.Message;
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Serialises one JSON part.</summary>
    public static byte[] ToBytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Json);

    private static JsonObject ParseObject(byte[] bytes) =>
        bytes.Length == 0 ? [] : JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("expected a JSON object");
}
