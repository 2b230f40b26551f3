namespace SftpInteractive.Scripting;

/// <summary>
/// The globals of every submission: the session helper with no ceremony. <c>Connect()</c> once, then
/// <c>Ls("/data")</c>, <c>Cd("WMR_Spots")</c>, <c>Run("uname -a")</c> act on the current <see cref="Session"/>.
/// </summary>
public partial class ScriptGlobals
{
    private static readonly AsyncLocal<IDisplaySink?> CurrentSink = new();
    private readonly TextWriter _output;
    private SftpSession? _session;

    /// <summary>Creates globals; <paramref name="defaults"/> (from the host's command line) fill in what
    /// <c>Connect(...)</c> is not given.</summary>
    /// <param name="defaults">Connection settings the host was started with.</param>
    /// <param name="output">Where <see cref="Display"/> writes when no submission is running (no host display to
    /// show it); null: nowhere.</param>
    public ScriptGlobals(SftpOptions? defaults = null, TextWriter? output = null)
    {
        Defaults = defaults;
        _output = output ?? TextWriter.Null;
    }

    /// <summary>Settings the host was started with (<c>--host</c>, <c>--env-file</c>…); explicit arguments win.</summary>
    public SftpOptions? Defaults { get; set; }

    /// <summary>The current session.</summary>
    /// <exception cref="SftpInteractiveException">Not connected yet.</exception>
    public SftpSession Session
    {
        get => _session ?? throw new SftpInteractiveException(
            "not connected: call Connect() (reads SFTP_HOST, SFTP_USERNAME… from .env) or Connect(\"host\", \"user\", \"password\")");
        set => _session = value;
    }

    /// <summary>True when a session exists and its connection is up.</summary>
    public bool IsConnected => _session?.IsConnected == true;

    /// <summary>The sink of the running submission (null outside one).</summary>
    internal static IDisplaySink? Sink => CurrentSink.Value;

    /// <summary>Makes <paramref name="sink"/> the current submission's sink for this async flow.</summary>
    internal static IDisposable UseSink(IDisplaySink sink)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = sink;
        return new SinkScope(previous);
    }

    /// <summary>The session, for host code that must not throw (completion of remote paths).</summary>
    internal SftpSession? CurrentSession => _session;

    private sealed class SinkScope(IDisplaySink? previous) : IDisposable
    {
        public void Dispose() => CurrentSink.Value = previous;
    }
}
