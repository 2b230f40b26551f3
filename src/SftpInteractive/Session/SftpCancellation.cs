namespace SftpInteractive;

/// <summary>
/// An ambient cancellation token that every helper operation honours in addition to the token it is given.
/// The scripting engine sets it per submission, so <c>Ctrl+C</c> or a Jupyter interrupt also stops the
/// synchronous conveniences (<c>Ls</c>, <c>Get</c>, <c>Run</c>) a user typed without a token.
/// </summary>
public static class SftpCancellation
{
    private static readonly AsyncLocal<CancellationToken> Ambient = new();

    /// <summary>The ambient token of the current submission (none outside a host).</summary>
    public static CancellationToken Current => Ambient.Value;

    /// <summary>Makes <paramref name="token"/> the ambient token for the current async flow until disposed.</summary>
    public static IDisposable Use(CancellationToken token)
    {
        var previous = Ambient.Value;
        Ambient.Value = token;
        return new Scope(previous);
    }

    /// <summary>A token that fires when either <paramref name="token"/> or the ambient token fires.</summary>
    internal static CancellationTokenSource? Link(CancellationToken token, out CancellationToken linked)
    {
        var ambient = Ambient.Value;
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

    private sealed class Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
