namespace SftpInteractive;

/// <summary>
/// Everything one running submission (a REPL input, a notebook cell, a widget's callback, a .NET Interactive
/// submission) gives the code it runs: its cancellation, the host the verbs report to (progress, notices, prompts) and
/// the name the host shows it under. Every host creates one per submission and makes it current with
/// <see cref="Enter"/>; every layer reads <see cref="Current"/> (<see cref="SftpCancellation"/>, <see cref="VerbHost"/>,
/// the engine's output routing and display calls). The one ambient value for a submission: a layer that needs more
/// (the scripting engine's display sink) derives from this type, so it flows and unwinds with the rest.
/// </summary>
public class SubmissionContext
{
    private static readonly AsyncLocal<SubmissionContext?> Ambient = new();
    private CancellationToken _token;
    private IVerbHost? _host;
    private string? _label;

    /// <summary>The context of the submission running in this async flow; null outside one (a program using the
    /// library: no ambient cancellation, no progress, no prompts).</summary>
    public static SubmissionContext? Current => Ambient.Value;

    /// <summary>Cancelled when the user stops the submission (<c>Ctrl+C</c>, a Jupyter interrupt, Polyglot's stop
    /// button); the verbs honour it besides the token they are given.</summary>
    public CancellationToken Token { get => _token; init => _token = value; }

    /// <summary>Where the verbs show progress and notices and ask what the <c>.env</c> cannot answer; null: nowhere.</summary>
    public IVerbHost? Host { get => _host; init => _host = value; }

    /// <summary>What the host calls the submission (<c>cell [9]</c>), so an error names the user's code the way the host
    /// shows it; null lets the engine number its inputs (<c>input [3]</c>).</summary>
    public string? Label { get => _label; init => _label = value; }

    /// <summary>Makes this context current for the async flow until the returned scope is disposed (scopes nest: the
    /// previous context comes back).</summary>
    public IDisposable Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(previous);
    }

    /// <summary>A copy of the current context (or of an empty one) with <paramref name="token"/>.</summary>
    internal static SubmissionContext WithToken(CancellationToken token)
    {
        var copy = CopyOfCurrent();
        copy._token = token;
        return copy;
    }

    /// <summary>A copy of the current context (or of an empty one) with <paramref name="host"/>.</summary>
    internal static SubmissionContext WithHost(IVerbHost? host)
    {
        var copy = CopyOfCurrent();
        copy._host = host;
        return copy;
    }

    /// <summary>A copy of the current context (or of an empty one) with <paramref name="label"/>.</summary>
    /// <param name="label">For example <c>cell [9]</c>.</param>
    public static SubmissionContext WithLabel(string? label)
    {
        var copy = CopyOfCurrent();
        copy._label = label;
        return copy;
    }

    /// <summary>Sets the host and token of a context being built by a derived type (a fresh <see cref="Copy"/>, not yet
    /// entered: a context is not changed once current).</summary>
    /// <param name="host">The verbs' host.</param>
    /// <param name="token">The submission's cancellation.</param>
    protected void Initialize(IVerbHost? host, CancellationToken token)
    {
        _host = host;
        _token = token;
    }

    /// <summary>A member-wise copy that keeps the derived type and its fields.</summary>
    protected SubmissionContext Copy() => (SubmissionContext)MemberwiseClone();

    private static SubmissionContext CopyOfCurrent() => Ambient.Value?.Copy() ?? new SubmissionContext();

    private sealed class Scope(SubmissionContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
