namespace SftpInteractive;

/// <summary>
/// The reply to one pipelined request (<see cref="ReadSlot"/>, <see cref="WriteSlot"/>): answered on the engine's
/// reading thread without a task of its own, awaited by the sender only when it has to wait, reused for a later
/// request once taken (<see cref="SlotPool{T}"/>).
/// </summary>
internal abstract class ReplySlot : SftpReply
{
    private bool _answered;
    private Exception? _failure;
    private TaskCompletionSource? _waiter;

    /// <summary>Guards the slot; held by <see cref="Answer"/>, and by a subclass around what it keeps of a reply.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Makes the slot ready for the next request.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            (_answered, _failure, _waiter) = (false, null, null);
            OnReset();
        }
    }

    /// <summary>Completes when the request is answered; throws its failure.</summary>
    public Task Answered()
    {
        lock (Gate)
        {
            if (_answered)
            {
                return _failure is null ? Task.CompletedTask : Task.FromException(_failure);
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    /// <summary>Records the answer, <paramref name="failure"/> or success, and wakes a waiting sender (its
    /// continuation runs on the thread pool, not on the receive thread).</summary>
    protected void Answer(Exception? failure)
    {
        lock (Gate)
        {
            (_answered, _failure) = (true, failure);
            _ = _waiter is null || (failure is null ? _waiter.TrySetResult() : _waiter.TrySetException(failure));
        }
    }

    /// <summary>Clears what the subclass kept of the last reply (called under <see cref="Gate"/>).</summary>
    /// <inheritdoc/>
    public override void Fail(Exception error) => Answer(error);

    protected virtual void OnReset()
    {
    }
}
