using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Execution;

/// <summary>Output of a <c>silent</c> execute request: the protocol says nothing is broadcast, and there is no one to
/// answer a prompt.</summary>
internal sealed class SilentDisplaySink : IDisplaySink
{
    public TextWriter StandardOutput => TextWriter.Null;

    public TextWriter StandardError => TextWriter.Null;

    public PromptHandler? Prompt => null;

    public void Display(RenderedValue value, string? displayId = null)
    {
    }

    public void UpdateDisplay(RenderedValue value, string displayId)
    {
    }
}
