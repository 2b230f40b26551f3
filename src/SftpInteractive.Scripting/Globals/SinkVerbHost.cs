namespace SftpInteractive.Scripting;

/// <summary>The verbs' host inside our engine: progress and notices go to the submission's <see cref="IDisplaySink"/>,
/// prompts to whatever the sink can ask.</summary>
internal sealed class SinkVerbHost(IDisplaySink sink) : IVerbHost
{
    public PromptHandler? Prompt => sink.Prompt;

    public IProgressDisplay StartProgress() => new ProgressDisplay(sink);

    public void Notice(string message) => sink.StandardOutput.WriteLine(Redactor.Redact(message));
}
