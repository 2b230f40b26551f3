namespace SftpInteractive;

/// <summary>
/// A remote file opened for reading on the engine, as a seekable read-only <see cref="Stream"/> (the previews read
/// through it). Each read is one SSH_FXP_READ of at most the engine's read size at the current position; the handle
/// is closed without waiting when the stream is disposed.
/// </summary>
internal sealed class SftpReadStream : Stream
{
    private readonly SftpEngine _engine;
    private readonly byte[] _handle;
    private readonly long _length;
    private long _position;
    private bool _disposed;

    private SftpReadStream(SftpEngine engine, byte[] handle, long length)
    {
        _engine = engine;
        _handle = handle;
        _length = length;
    }

    /// <summary>Opens <paramref name="path"/> and reads its size (open, then fstat on its handle).</summary>
    public static async Task<SftpReadStream> OpenAsync(SftpEngine engine, string path, CancellationToken cancellationToken)
    {
        var handle = await engine.OpenAsync(path, SftpOpenFlags.Read, cancellationToken).ConfigureAwait(false);
        try
        {
            var attributes = await engine.FStatAsync(handle, cancellationToken).ConfigureAwait(false);
            return new SftpReadStream(engine, handle, attributes.HasSize ? (long)attributes.Size : -1);
        }
        catch
        {
            engine.CloseUnanswered(handle);
            throw;
        }
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => !_disposed;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _length >= 0 ? _length : throw new NotSupportedException("The server did not say the file's size.");

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var wanted = _engine.ReadChunk(buffer.Length);
        var read = await _engine.ReadAsync(_handle, (ulong)_position, buffer[..wanted], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_engine.IsOpen)
            {
                try
                {
                    _engine.CloseUnanswered(_handle);
                }
                catch (Exception e) when (e is Renci.SshNet.Common.SshException or IOException or ObjectDisposedException)
                {
                    // The connection went away; the server closes the handle with it.
                }
            }
        }

        base.Dispose(disposing);
    }
}
