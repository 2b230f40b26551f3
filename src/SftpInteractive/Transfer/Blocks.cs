namespace SftpInteractive;

/// <summary>
/// A file's bytes [start, end) cut into blocks that connections take in order, each as soon as it is free (so a
/// connection that opens late, or runs slower, takes fewer; the session's own connection starts at once and is never
/// left waiting for the pool's). Counts each block's written bytes, from which the complete prefix follows.
/// </summary>
internal sealed class Blocks
{
    private readonly long _start;
    private readonly long _end;
    private readonly long _blockSize;
    private readonly long[] _done;
    private int _next = -1;

    public Blocks(long start, long end, long blockSize)
    {
        _start = start;
        _end = end;
        _blockSize = Math.Max(1, blockSize);
        _done = new long[Math.Max(1, (int)((end - start + _blockSize - 1) / _blockSize))];
    }

    /// <summary>Takes the next block not yet taken; false when every block is taken.</summary>
    public bool TryTake(out int index, out long start, out long end)
    {
        index = Interlocked.Increment(ref _next);
        start = _start + (index * _blockSize);
        end = Math.Min(_end, start + _blockSize);
        return index < _done.Length && start < _end;
    }

    /// <summary>Records <paramref name="length"/> more bytes written, in order, at the start of block <paramref name="index"/>.</summary>
    public void Written(int index, long length) => Interlocked.Add(ref _done[index], length);

    /// <summary>Bytes from the file's start that are all written (the bytes before <c>start</c> count as written); read it
    /// once every writer has stopped.</summary>
    public long CompletePrefix() => _start + RangePlan.CompletePrefix(_done, _blockSize, _end - _start);
}
