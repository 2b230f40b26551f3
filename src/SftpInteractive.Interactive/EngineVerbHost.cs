using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace SftpInteractive.Interactive;

/// <summary>
/// The verbs' host inside .NET Interactive for one submission: progress as engine displays updated in place,
/// notices as standard output, prompts as the engine's own input requests (<see cref="RequestInput"/>, a masked
/// password box when the server does not echo) sent to the root kernel, which the front end answers (Polyglot's input
/// box, Jupyter's <c>input_request</c>). When no one can answer, the prompt returns null and the verbs name the
/// <c>.env</c> key to set.
/// </summary>
internal sealed class EngineVerbHost(KernelInvocationContext context, Kernel root) : IVerbHost
{
    /// <summary>What our values are shown as.</summary>
    public static readonly string[] MimeTypes = ["text/html", "text/plain"];

    /// <summary>Answers with the host of the submission that is running when the server asks (a connection opened in a
    /// later cell, a reconnect), or this one.</summary>
    public PromptHandler? Prompt => (prompt, cancellationToken) => (VerbHost.Current as EngineVerbHost ?? this).AskAsync(prompt, cancellationToken);

    public IProgressDisplay StartProgress() => new EngineProgressDisplay(context);

    public void Notice(string message)
    {
        if (!context.IsComplete)
        {
            context.Publish(new StandardOutputValueProduced(context.Command, [new FormattedValue("text/plain", Redactor.Redact(message) + "\n")]));
        }
    }

    private async ValueTask<string?> AskAsync(AuthPrompt prompt, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(prompt.Instruction) ? prompt.Request : $"{prompt.Instruction.Trim()}\n{prompt.Request}";
        var request = new RequestInput($"{prompt.Username}@{prompt.Host} {text}".TrimEnd(), inputTypeHint: prompt.IsEchoed ? "text" : "password");
        var result = await root.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Events.OfType<InputProduced>().FirstOrDefault()?.Value;
    }
}
