using System.Text;
using SftpInteractive.Widgets;

namespace SftpInteractive.Scripting;

/// <summary>The display sink of code captured by an <see cref="Output"/> widget: printed text and displays become the
/// widget's outputs; prompts still go to the sink the code ran under.</summary>
internal sealed class OutputWidgetSink(Output output, IDisplaySink? outer) : IDisplaySink
{
    public TextWriter StandardOutput { get; } = new AppendingWriter(output.AppendStdout);

    public TextWriter StandardError { get; } = new AppendingWriter(output.AppendStderr);

    public PromptHandler? Prompt => outer?.Prompt;

    public void Display(RenderedValue value, string? displayId = null) => output.AppendDisplay(JupyterOutput.MimeBundle(value));

    public void UpdateDisplay(RenderedValue value, string displayId) => output.AppendDisplay(JupyterOutput.MimeBundle(value));

    public void ClearOutput(bool wait = false) => output.ClearOutput();

    private sealed class AppendingWriter(Action<string> append) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => append(value.ToString());

        public override void Write(string? value) => append(value ?? string.Empty);

        public override void Write(char[] buffer, int index, int count) => append(new string(buffer, index, count));

        public override void WriteLine(string? value) => append((value ?? string.Empty) + NewLine);
    }
}
