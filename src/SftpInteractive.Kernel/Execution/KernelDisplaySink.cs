using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// The engine's output for one execute request, as iopub messages parented to that request: stdout and stderr as
/// batched <c>stream</c>s, values as <c>display_data</c> (the whole MIME bundle), progress as
/// <c>update_display_data</c> by display id, prompts as <c>input_request</c> when the front end allows stdin.
/// </summary>
internal sealed class KernelDisplaySink : IDisplaySink, IDisposable
{
    private readonly KernelOutput _output;
    private readonly JupyterMessage _request;
    private readonly JupyterStreamWriter _stdout;
    private readonly JupyterStreamWriter _stderr;

    public KernelDisplaySink(KernelOutput output, JupyterMessage request, StdinPrompter? prompter, CancellationToken cellToken)
    {
        _output = output;
        _request = request;
        _stdout = new JupyterStreamWriter(output, request, "stdout");
        _stderr = new JupyterStreamWriter(output, request, "stderr");
        if (prompter is not null)
        {
            Prompt = async (prompt, ct) =>
            {
                FlushStreams();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, cellToken);
                var text = string.IsNullOrEmpty(prompt.Instruction) ? prompt.Request : prompt.Instruction + "\n" + prompt.Request;
                return await prompter.AskAsync(request, text, !prompt.IsEchoed, linked.Token).ConfigureAwait(false);
            };
        }
    }

    public TextWriter StandardOutput => _stdout;

    public TextWriter StandardError => _stderr;

    public PromptHandler? Prompt { get; }

    public void Display(RenderedValue value, string? displayId = null)
    {
        FlushStreams();
        var content = new JsonObject { ["data"] = MimeBundle(value), ["metadata"] = new JsonObject() };
        if (displayId is not null)
        {
            content["transient"] = new JsonObject { ["display_id"] = displayId };
        }

        _output.Publish(_request, "display_data", content);
    }

    public void UpdateDisplay(RenderedValue value, string displayId)
    {
        _output.Publish(_request, "update_display_data", new JsonObject
        {
            ["data"] = MimeBundle(value),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = displayId },
        });
    }

    public void ClearOutput(bool wait = false)
    {
        // Output written before the clear must be cleared with it, not arrive after it.
        FlushStreams();
        _output.Publish(_request, "clear_output", new JsonObject { ["wait"] = wait });
    }

    /// <summary>Sends whatever stdout and stderr hold.</summary>
    public void FlushStreams()
    {
        _stdout.Flush();
        _stderr.Flush();
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }

    /// <summary>The rendered bundle as Jupyter's <c>data</c> (<see cref="JupyterOutput.MimeBundle"/>, shared with
    /// <c>sftpi run</c>).</summary>
    internal static JsonObject MimeBundle(RenderedValue value) => JupyterOutput.MimeBundle(value);
}
