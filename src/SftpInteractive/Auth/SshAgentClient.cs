using System.Net.Sockets;

namespace SftpInteractive;

/// <summary>
/// Speaks the ssh-agent protocol (draft-miller-ssh-agent) over the agent's Unix socket: list the identities, ask for
/// a signature. One short connection per request, like a key removed from the agent meanwhile, a restarted agent
/// costs nothing more than that request.
/// </summary>
internal sealed class SshAgentClient(string socketPath)
{
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const int MaxReply = 256 * 1024;

    /// <summary>SSH_AGENT_RSA_SHA2_256: sign an RSA key with rsa-sha2-256.</summary>
    public const uint RsaSha2256 = 2;

    /// <summary>SSH_AGENT_RSA_SHA2_512: sign an RSA key with rsa-sha2-512.</summary>
    public const uint RsaSha2512 = 4;

    /// <summary>The agent's socket.</summary>
    public string SocketPath => socketPath;

    /// <summary>The agent's keys (and certificates), in the agent's order.</summary>
    /// <exception cref="IOException">The agent is not running, the socket is missing, or the agent answered nonsense.</exception>
    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var reply = Request([RequestIdentities]);
        if (reply[0] != IdentitiesAnswer)
        {
            throw new IOException($"the ssh-agent answered the key list request with message {reply[0]}");
        }

        var offset = 1;
        try
        {
            var count = SshWire.ReadUInt32(reply, ref offset);
            var identities = new List<AgentIdentity>();
            for (var i = 0; i < count; i++)
            {
                var blob = SshWire.ReadString(reply, ref offset);
                var comment = System.Text.Encoding.UTF8.GetString(SshWire.ReadString(reply, ref offset));
                identities.Add(new AgentIdentity(blob, comment));
            }

            return identities;
        }
        catch (FormatException e)
        {
            throw new IOException("the ssh-agent sent a malformed key list", e);
        }
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key <paramref name="keyBlob"/>; returns the
    /// SSH signature blob (algorithm name and signature), or null when the agent refuses (key removed, confirmation
    /// denied, key locked).</summary>
    /// <exception cref="IOException">The agent cannot be reached.</exception>
    public byte[]? Sign(byte[] keyBlob, byte[] data, uint flags)
    {
        using var message = new MemoryStream();
        message.WriteByte(SignRequest);
        message.Write(SshWire.Strings(keyBlob, data));
        SshWire.WriteUInt32(message, flags);
        var reply = Request(message.ToArray());
        if (reply[0] != SignResponse)
        {
            return null; // SSH_AGENT_FAILURE (5) or anything unexpected: a refusal
        }

        var offset = 1;
        try
        {
            return SshWire.ReadString(reply, ref offset);
        }
        catch (FormatException e)
        {
            throw new IOException("the ssh-agent sent a malformed signature", e);
        }
    }

    private byte[] Request(byte[] message)
    {
        if (!File.Exists(socketPath))
        {
            throw new IOException($"the ssh-agent socket {LocalPaths.Display(socketPath)} does not exist (is ssh-agent running? is SSH_AUTH_SOCK current?)");
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            // Generous: an agent started with ssh-add -c waits for the user to confirm each signature.
            socket.ReceiveTimeout = socket.SendTimeout = 60_000;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            using var stream = new NetworkStream(socket, ownsSocket: false);
            SshWire.WriteUInt32(stream, (uint)message.Length);
            stream.Write(message);
            var header = new byte[4];
            stream.ReadExactly(header);
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > MaxReply)
            {
                throw new IOException($"the ssh-agent sent a reply of {length} bytes");
            }

            var reply = new byte[length];
            stream.ReadExactly(reply);
            return reply;
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot talk to the ssh-agent at {LocalPaths.Display(socketPath)}: {e.Message} (is ssh-agent running?)", e);
        }
    }
}
