using System.Buffers;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// One SSH_FXP_READ in flight: its data is copied into the slot's pooled buffer on the engine's reading thread.
/// Once the reader gave up, the buffer is back in the pool and a late reply is dropped.
/// </summary>
internal sealed class ReadSlot(int chunk) : ReplySlot, IDisposable
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(chunk);
    private int _length;

    /// <summary>Where the read starts in the file.</summary>
    public long Offset { get; set; }

    /// <summary>How many bytes were asked for.</summary>
    public uint Length { get; set; }

    /// <summary>The bytes that arrived (empty at the end of the file); valid until the slot is reused.</summary>
    public ReadOnlySpan<byte> Received => _buffer is null ? default : _buffer.AsSpan(0, _length);

    /// <inheritdoc/>
    public override void Complete(byte type, ReadOnlySpan<byte> payload)
    {
        if (type == SftpPacketType.Status)
        {
            // The end of the file (no data) or a failure.
            Answer(StatusError(payload, eofIsOk: true));
            return;
        }

        if (type != SftpPacketType.Data)
        {
            Answer(Unexpected(type, "a read"));
            return;
        }

        var data = new SftpPacketReader(payload).ReadBytes();
        lock (Gate)
        {
            if (_buffer is null)
            {
                return; // the reader stopped and gave the buffer back
            }

            if (data.Length > Math.Min(Length, _buffer.Length))
            {
                Answer(new SshException($"The server answered a read with {data.Length:N0} bytes, more than the {Length:N0} asked for."));
                return;
            }

            data.CopyTo(_buffer);
            _length = data.Length;
            Answer(null);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnReset() => _length = 0;
}
