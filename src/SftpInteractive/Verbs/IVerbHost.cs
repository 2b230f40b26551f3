namespace SftpInteractive;

/// <summary>
/// What an interactive host (the REPL, our Jupyter kernel, the .NET Interactive extension) gives the verbs while a
/// submission runs: transfer progress shown in place, prompts the <c>.env</c> cannot answer, notices. Hosts make it
/// current for a submission with <see cref="VerbHost.Use"/>.
/// </summary>
public interface IVerbHost
{
    /// <summary>Asks the user (masked when the prompt is not echoed); null when this host cannot ask, so the verbs
    /// say which <c>.env</c> key to set.</summary>
    PromptHandler? Prompt { get; }

    /// <summary>Starts one progress display, updated in place; disposing it shows the final state.</summary>
    IProgressDisplay StartProgress();

    /// <summary>Shows a one-line notice (a host key trusted on first use, a reconnect); hosts redact it.</summary>
    void Notice(string message);
}

/// <summary>A transfer's progress display: each report updates it in place (throttled by the host); disposing it
/// shows the final state.</summary>
public interface IProgressDisplay : IProgress<TransferProgress>, IDisposable
{
}
