namespace SftpInteractive;

/// <summary>Parses a reply into a value during the reply's call.</summary>
internal delegate T SftpReplyParser<T>(byte type, ReadOnlySpan<byte> payload);

/// <summary>
/// A reply awaited as a task: the value is parsed on the reading thread and the continuation runs elsewhere (so a
/// caller that sends again never blocks the reader). Used for the requests that are not on a transfer's hot path.
/// </summary>
internal sealed class SftpTaskReply<T>(SftpReplyParser<T> parse) : SftpReply
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _result.Task;

    public override void Complete(byte type, ReadOnlySpan<byte> payload)
    {
        T value;
        try
        {
            value = parse(type, payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _result.TrySetException(e);
            return;
        }

        _result.TrySetResult(value);
    }

    public override void Fail(Exception error) => _result.TrySetException(error);

    public void Cancel(CancellationToken cancellationToken) => _result.TrySetCanceled(cancellationToken);
}
