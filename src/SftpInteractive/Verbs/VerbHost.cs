namespace SftpInteractive;

/// <summary>The <see cref="IVerbHost"/> of the running submission, as an ambient value (like
/// <see cref="SftpCancellation"/>), so the verbs find the host that runs them without every call passing it.</summary>
public static class VerbHost
{
    private static readonly AsyncLocal<IVerbHost?> Ambient = new();

    /// <summary>The host of the current submission; null outside one (programs: no progress, no prompts).</summary>
    public static IVerbHost? Current => Ambient.Value;

    /// <summary>Makes <paramref name="host"/> current for this async flow until disposed.</summary>
    public static IDisposable Use(IVerbHost? host)
    {
        var previous = Ambient.Value;
        Ambient.Value = host;
        return new Scope(previous);
    }

    private sealed class Scope(IVerbHost? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
