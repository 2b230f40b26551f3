using System.Text.Json.Nodes;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>
/// An area that shows what code prints or displays while it is captured (ipywidgets' Output): wrap a callback's work in
/// <c>using (output.Capture()) { ... }</c> or <see cref="Run"/>. The outputs are kept in the widget's state, so they
/// survive a page reload.
/// </summary>
public sealed class Output : DomWidget
{
    private readonly Lock _outputs = new();

    /// <summary>Creates an empty output area.</summary>
    public Output()
        : base("OutputModel", "OutputView", WidgetProtocol.OutputModule, WidgetProtocol.OutputModuleVersion)
    {
        Define("msg_id", string.Empty);
        Define("outputs", new JsonArray());
    }

    /// <summary>The outputs as nbformat output objects (stream, display_data).</summary>
    public JsonArray Outputs => GetState("outputs") as JsonArray ?? [];

    /// <summary>Sends what the current flow prints, displays or clears to this area until disposed. Outside a host
    /// that routes output (a test) the text is still captured through <see cref="AppendStdout"/>.</summary>
    public IDisposable Capture() => WidgetHooks.Capture?.Invoke(this) ?? new NoCapture();

    /// <summary>Runs <paramref name="action"/> with its output captured here; an exception is shown here too, and
    /// not rethrown (as a callback's error should not break the widget that ran it).</summary>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using (Capture())
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // Shown to the user in the area; the callback's caller must go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AppendError(e);
            }
        }
    }

    /// <summary>Appends text as stdout.</summary>
    public void AppendStdout(string text) => AppendStream("stdout", text);

    /// <summary>Appends text as stderr.</summary>
    public void AppendStderr(string text) => AppendStream("stderr", text);

    /// <summary>Appends a display (a MIME bundle: <c>text/plain</c>, <c>text/html</c>…).</summary>
    public void AppendDisplay(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Append(new JsonObject { ["output_type"] = "display_data", ["data"] = data.DeepClone(), ["metadata"] = new JsonObject() });
    }

    /// <summary>Appends an exception as an error output.</summary>
    public void AppendError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var e = error is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : error;
        Append(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = e.GetType().Name,
            ["evalue"] = e.Message,
            ["traceback"] = new JsonArray($"\u001b[0;31m{e.GetType().Name}\u001b[0m: {e.Message}"),
        });
    }

    /// <summary>Appends an <c>error</c> output from its <c>ename</c> / <c>evalue</c> / <c>traceback</c> (the kernel's
    /// report of a failed callback).</summary>
    internal void AppendError(JsonObject error)
    {
        var output = (JsonObject)error.DeepClone();
        output["output_type"] = "error";
        Append(output);
    }

    /// <summary>Removes every output.</summary>
    public void ClearOutput()
    {
        lock (_outputs)
        {
            Set("outputs", new JsonArray());
        }
    }

    /// <inheritdoc />
    protected override string Describe() => Format.Count(Outputs.Count, "output");

    private void AppendStream(string name, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_outputs)
        {
            var outputs = Outputs;
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream"
                && last["name"]?.GetValue<string>() == name)
            {
                last["text"] = last["text"]!.GetValue<string>() + text; // redacted whole at the kernel's wire (KernelOutput)
            }
            else
            {
                outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
            }

            Set("outputs", outputs);
        }
    }

    private void Append(JsonObject output)
    {
        lock (_outputs)
        {
            var outputs = Outputs;
            outputs.Add(output);
            Set("outputs", outputs);
        }
    }

    private sealed class NoCapture : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
