namespace SftpInteractive;

/// <summary>The <see cref="IVerbHost"/> of the running submission (its <see cref="SubmissionContext.Host"/>), so the
/// verbs find the host that runs them without every call passing it.</summary>
public static class VerbHost
{
    /// <summary>The host of the current submission; null outside one (programs: no progress, no prompts).</summary>
    public static IVerbHost? Current => SubmissionContext.Current?.Host;

    /// <summary>Makes <paramref name="host"/> current for this async flow until disposed (the rest of the current
    /// <see cref="SubmissionContext"/> stays).</summary>
    public static IDisposable Use(IVerbHost? host) => SubmissionContext.WithHost(host).Enter();
}
