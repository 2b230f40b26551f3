using System.Diagnostics.CodeAnalysis;

namespace SftpInteractive;

/// <summary>
/// The verbs preloaded at the <c>sftpi</c> prompt, in our Jupyter kernel and in Polyglot notebooks — defined once, here:
/// <c>Connect()</c> once, then <c>Ls("/data")</c>, <c>Cd("WMR_Spots")</c>, <c>Get(remote, local)</c>,
/// <c>Run("uname -a")</c> act on the current <see cref="Session"/>. Every verb that talks to the server has a
/// synchronous form for the prompt and an <c>...Async(..., CancellationToken)</c> form; both honour the host's
/// per-submission cancellation (<see cref="SftpCancellation"/>) and show progress and prompts through the running
/// host (<see cref="VerbHost"/>). Every verb that is an operation of the session is generated from its one
/// definition there (an <c>[Verb]</c> method of <see cref="SftpSession"/>, by SftpInteractive.Generators); hosts derive
/// their surface, <c>#help</c> and completion from the <see cref="VerbAttribute"/>s here; programs use
/// <see cref="SftpSession"/> directly.
/// </summary>
[DynamicallyAccessedMembers(VerbCatalog.Read)] // Help() lists the verbs of GetType(): a subclass's too
public partial class SftpVerbs
{
    private SftpSession? _session;

    /// <summary>Creates the verbs; <paramref name="defaults"/> (from the host's command line) fill in what
    /// <c>Connect(...)</c> is not given.</summary>
    public SftpVerbs(SftpOptions? defaults = null) => Defaults = defaults;

    /// <summary>Settings the host was started with (<c>--host</c>, <c>--env-file</c>…); explicit arguments win.</summary>
    public SftpOptions? Defaults { get; set; }

    /// <summary>The current session.</summary>
    /// <exception cref="SftpInteractiveException">Not connected yet.</exception>
    [Verb(VerbGroup.Connect, "the current SftpSession (all async verbs, Client for raw SSH.NET)", Instant = true)]
    public SftpSession Session
    {
        get => _session ?? throw new SftpInteractiveException(
            "not connected: call Connect() (reads SFTP_HOST, SFTP_USERNAME… from .env) or Connect(\"host\", \"user\", \"password\")");
        set => _session = value;
    }

    /// <summary>True when a session exists and its connection is up.</summary>
    [Verb(VerbGroup.Connect, "true while the session is up", Instant = true)]
    public bool IsConnected => _session?.IsConnected == true;

    /// <summary>The session, or null before <c>Connect()</c> (for host code that must not throw).</summary>
    protected SftpSession? CurrentSessionOrNull => _session;

    /// <summary>The verbs with one-line descriptions.</summary>
    [Verb(VerbGroup.Display, "this list", Instant = true)]
    public DisplayTable Help() => VerbCatalog.ToTable(GetType());

    /// <summary>Runs a transfer with the running host's progress display (none outside a host); the generated
    /// transfer verbs pass it as the session's <c>IProgress&lt;TransferProgress&gt;</c>.</summary>
    private static async Task<T> WithProgressAsync<T>(Func<IProgress<TransferProgress>?, Task<T>> transfer)
    {
        using var progress = VerbHost.Current?.StartProgress();
        return await transfer(progress).ConfigureAwait(false);
    }
}
