using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// Asks the front end for a value over the stdin channel (<c>input_request</c>, masked for passwords and
/// verification codes) and waits for its <c>input_reply</c>. One prompt at a time: cells run one after another.
/// </summary>
internal sealed class StdinPrompter
{
    private readonly KernelOutput _output;
    private readonly Lock _lock = new();
    private TaskCompletionSource<string>? _pending;

    public StdinPrompter(KernelOutput output) => _output = output;

    /// <summary>Sends an input_request to the client of <paramref name="executeRequest"/> and waits for the answer.</summary>
    /// <exception cref="OperationCanceledException">The cell was interrupted while waiting.</exception>
    public async Task<string> AskAsync(JupyterMessage executeRequest, string prompt, bool password, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending?.TrySetCanceled(CancellationToken.None);
            _pending = pending;
        }

        _output.StdinRequest(executeRequest, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password });
        try
        {
            var value = await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (password)
            {
                // The answer is a secret from now on: keep it out of every later output.
                Redactor.Register(value);
            }

            return value;
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                }
            }
        }
    }

    /// <summary>Handles a message from the stdin socket.</summary>
    public void OnStdinMessage(JupyterMessage message)
    {
        if (message.MessageType != "input_reply")
        {
            return;
        }

        lock (_lock)
        {
            _pending?.TrySetResult(message.ContentString("value"));
        }
    }
}
