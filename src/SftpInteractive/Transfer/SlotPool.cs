namespace SftpInteractive;

/// <summary>
/// The reply slots of one pipelined transfer: a slot is taken for each request and given back once its reply was
/// used, so a transfer allocates no more slots than it ever has in flight. Disposing drops every slot (a read slot's
/// late reply is then ignored).
/// </summary>
internal sealed class SlotPool<T>(Func<T> create) : IDisposable
    where T : ReplySlot
{
    private readonly Stack<T> _free = new();
    private readonly List<T> _all = [];

    /// <summary>A slot ready for a new request.</summary>
    public T Take()
    {
        if (!_free.TryPop(out var slot))
        {
            slot = create();
            _all.Add(slot);
        }

        slot.Reset();
        return slot;
    }

    /// <summary>Gives a slot whose reply was used back for reuse.</summary>
    public void Return(T slot) => _free.Push(slot);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var slot in _all)
        {
            (slot as IDisposable)?.Dispose();
        }
    }
}
