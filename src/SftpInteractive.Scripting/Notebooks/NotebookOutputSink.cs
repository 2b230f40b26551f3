using System.Text;
using System.Text.Json.Nodes;

namespace SftpInteractive.Scripting;

/// <summary>
/// Records one cell's output as nbformat outputs, as a Jupyter client records what the kernel sends: stdout and stderr
/// as <c>stream</c> outputs (consecutive writes to one stream joined), values as <c>display_data</c> with the kernel's
/// MIME bundle, <c>update_display_data</c> replacing the output with that display id, <c>clear_output</c> clearing.
/// Also echoes what it records to the terminal, line by line, through the runner's output boundary
/// (<see cref="RedactingWriter"/>, which joins a secret written in pieces).
/// </summary>
internal sealed class NotebookOutputSink : IDisplaySink
{
    private readonly IList<JsonObject> _outputs;
    private readonly Dictionary<string, JsonObject> _displays = new(StringComparer.Ordinal);
    private readonly TextWriter? _echo;
    private readonly TextWriter? _echoErrors;
    private readonly Lock _lock = new();
    private readonly StringBuilder _stdoutLine = new();
    private readonly StringBuilder _stderrLine = new();
    private bool _clearOnNext;

    public NotebookOutputSink(IList<JsonObject> outputs, TextWriter? echo, TextWriter? echoErrors)
    {
        _outputs = outputs;
        _echo = echo;
        _echoErrors = echoErrors;
        StandardOutput = new StreamWriter(this, "stdout");
        StandardError = new StreamWriter(this, "stderr");
    }

    public TextWriter StandardOutput { get; }

    public TextWriter StandardError { get; }

    public PromptHandler? Prompt => null; // headless: the helper says which .env key to set

    public void Display(RenderedValue value, string? displayId = null)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = JupyterOutput.MimeBundle(value), ["metadata"] = new JsonObject() };
        lock (_lock)
        {
            Add(output);
            if (displayId is not null)
            {
                _displays[displayId] = output;
            }
        }

        EchoLine(_echo, value.Text);
    }

    public void UpdateDisplay(RenderedValue value, string displayId)
    {
        lock (_lock)
        {
            if (_displays.TryGetValue(displayId, out var output))
            {
                output["data"] = JupyterOutput.MimeBundle(value);
            }
        }
    }

    public void ClearOutput(bool wait = false)
    {
        lock (_lock)
        {
            if (wait)
            {
                _clearOnNext = true;
            }
            else
            {
                _outputs.Clear();
                _displays.Clear();
            }
        }
    }

    /// <summary>Adds the cell's result (<c>execute_result</c>) or error as the last output.</summary>
    public void AddFinal(JsonObject output)
    {
        lock (_lock)
        {
            Add(output);
        }
    }

    /// <summary>Echoes what is left of a partial line, and redacts the recorded streams (whole, so no secret is split
    /// between two writes).</summary>
    public void Complete()
    {
        lock (_lock)
        {
            FlushLine(_stdoutLine, _echo);
            FlushLine(_stderrLine, _echoErrors);
            foreach (var output in _outputs.Where(o => o["output_type"]?.GetValue<string>() == "stream"))
            {
                output["text"] = Redactor.Redact(output["text"]!.GetValue<string>());
            }
        }
    }

    private void Add(JsonObject output)
    {
        if (_clearOnNext)
        {
            _outputs.Clear();
            _displays.Clear();
            _clearOnNext = false;
        }

        _outputs.Add(output);
    }

    private void Write(string stream, string text)
    {
        lock (_lock)
        {
            if (_outputs.Count > 0 && _outputs[^1] is { } last && last["output_type"]?.GetValue<string>() == "stream"
                && last["name"]?.GetValue<string>() == stream && !_clearOnNext)
            {
                last["text"] = last["text"]!.GetValue<string>() + text;
            }
            else
            {
                Add(new JsonObject { ["output_type"] = "stream", ["name"] = stream, ["text"] = text });
            }

            var (line, echo) = stream == "stdout" ? (_stdoutLine, _echo) : (_stderrLine, _echoErrors);
            line.Append(text);
            var end = line.ToString().LastIndexOf('\n');
            if (end >= 0 && echo is not null)
            {
                echo.Write(line.ToString(0, end + 1));
                echo.Flush();
                line.Remove(0, end + 1);
            }
        }
    }

    private static void FlushLine(StringBuilder line, TextWriter? echo)
    {
        if (line.Length > 0)
        {
            EchoLine(echo, line.ToString());
            line.Clear();
        }
    }

    private static void EchoLine(TextWriter? echo, string text)
    {
        if (echo is not null)
        {
            echo.WriteLine(text);
            echo.Flush();
        }
    }

    private sealed class StreamWriter(NotebookOutputSink sink, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => sink.Write(stream, value.ToString());

        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sink.Write(stream, value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
    }
}
