namespace SftpInteractive;

/// <summary>
/// An ambient cancellation token that every helper operation honours in addition to the token it is given: the
/// <see cref="SubmissionContext.Token"/> of the running submission, so <c>Ctrl+C</c> or a Jupyter interrupt also stops
/// the synchronous conveniences (<c>Ls</c>, <c>Get</c>, <c>Run</c>) a user typed without a token.
/// </summary>
public static class SftpCancellation
{
    /// <summary>The ambient token of the current submission (none outside a host).</summary>
    public static CancellationToken Current => SubmissionContext.Current?.Token ?? default;

    /// <summary>Makes <paramref name="token"/> the ambient token for the current async flow until disposed (the rest of
    /// the current <see cref="SubmissionContext"/> stays).</summary>
    public static IDisposable Use(CancellationToken token) => SubmissionContext.WithToken(token).Enter();

    /// <summary>A token that fires when either <paramref name="token"/> or the ambient token fires.</summary>
    internal static CancellationTokenSource? Link(CancellationToken token, out CancellationToken linked)
    {
        var ambient = Current;
        if (!ambient.CanBeCanceled || ambient == token)
        {
            linked = token;
            return null;
        }

        if (!token.CanBeCanceled)
        {
            linked = ambient;
            return null;
        }

        var source = CancellationTokenSource.CreateLinkedTokenSource(token, ambient);
        linked = source.Token;
        return source;
    }
}
