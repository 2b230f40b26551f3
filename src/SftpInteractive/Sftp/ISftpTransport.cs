namespace SftpInteractive;

/// <summary>
/// The one port the SFTP engine runs over: a duplex byte stream (SSH.NET's <c>sftp</c> subsystem channel, or an
/// OpenSSH <c>ssh -s sftp</c> process's pipes). The engine frames packets itself; a transport only moves bytes.
/// </summary>
internal interface ISftpTransport : IDisposable
{
    /// <summary>True until the stream ends or fails.</summary>
    bool IsOpen { get; }

    /// <summary>The largest message the peer takes in one piece (an SSH channel's packet size), or 0 when it does not matter.</summary>
    int PeerPacketSize { get; }

    /// <summary>The largest message this side takes in one piece, or 0 when it does not matter.</summary>
    int LocalPacketSize { get; }

    /// <summary>Starts delivering received bytes to <paramref name="receiver"/>, in order, from one thread at a time.</summary>
    void Start(ISftpReceiver receiver);

    /// <summary>Sends <paramref name="data"/> whole; callers serialize their calls. May block while the peer's window is full.</summary>
    void Send(byte[] data, int offset, int count);

    /// <summary>True when <see cref="SendStaged"/> works: a write's data can go from a <see cref="FileStage"/> to the peer
    /// without passing through our memory (ssh's pipe on Linux).</summary>
    bool CanSendStaged => false;

    /// <summary>Sends <paramref name="header"/>'s first <paramref name="count"/> bytes and then everything
    /// <paramref name="stage"/> holds, as one message; callers serialize their calls.</summary>
    void SendStaged(byte[] header, int count, FileStage stage) => throw new NotSupportedException("This transport sends bytes from memory only.");
}

/// <summary>What a transport delivers to: bytes as they arrive, then once the end of the stream.</summary>
internal interface ISftpReceiver
{
    /// <summary>Bytes in arrival order; valid only during the call.</summary>
    void Received(ReadOnlySpan<byte> data);

    /// <summary>The stream ended (<paramref name="error"/> null) or failed.</summary>
    void Closed(Exception? error);
}
