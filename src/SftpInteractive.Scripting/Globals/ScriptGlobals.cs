namespace SftpInteractive.Scripting;

/// <summary>
/// The globals of every submission: the preloaded verbs (<see cref="SftpVerbs"/>, defined once in the core library)
/// plus the display helpers of our own hosts (<c>Display</c>, <c>UpdateDisplay</c>, <c>ClearOutput</c>).
/// </summary>
public partial class ScriptGlobals : SftpVerbs
{
    private readonly TextWriter _output;

    /// <summary>Creates globals; <paramref name="defaults"/> (from the host's command line) fill in what
    /// <c>Connect(...)</c> is not given.</summary>
    /// <param name="defaults">Connection settings the host was started with.</param>
    /// <param name="output">Where <see cref="Display"/> writes when no submission is running (no host display to
    /// show it); null: nowhere.</param>
    public ScriptGlobals(SftpOptions? defaults = null, TextWriter? output = null)
        : base(defaults)
    {
        _output = output ?? TextWriter.Null;
    }

    /// <summary>The sink of the running submission (null outside one).</summary>
    internal static IDisplaySink? Sink => ScriptSubmission.CurrentSink;

    /// <summary>The running submission's <see cref="Formatters"/> (null outside one), for the notebook API's static
    /// entry points (<c>x.Display()</c>).</summary>
    internal static FormatterRegistry? CurrentFormatters => ScriptSubmission.CurrentFormatters;

    /// <summary>The session, for host code that must not throw (completion of remote paths).</summary>
    internal SftpSession? CurrentSession => CurrentSessionOrNull;
}
