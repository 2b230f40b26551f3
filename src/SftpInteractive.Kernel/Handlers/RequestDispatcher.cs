using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Debugging;
using SftpInteractive.Kernel.Execution;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;

namespace SftpInteractive.Kernel.Handlers;

/// <summary>
/// Routes each received request, on the socket thread. Execute requests go to the worker queue; quick requests are
/// answered at once; complete and inspect run on the thread pool so they answer while a cell runs. Every request is
/// wrapped in iopub <c>status</c> busy / idle (jupyter_client's wait_for_ready and nbclient rely on it).
/// </summary>
internal sealed class RequestDispatcher
{
    private readonly KernelOutput _output;
    private readonly ExecutionWorker _worker;
    private readonly StdinPrompter _prompter;
    private readonly KernelHistory _history;
    private readonly IntrospectionHandlers _introspection;
    private readonly Action<bool> _shutdown;
    private readonly TextWriter _log;
    private readonly CancellationToken _kernelToken;
    private readonly DebugAdapter? _debug;

    public RequestDispatcher(
        KernelOutput output, ExecutionWorker worker, StdinPrompter prompter, KernelHistory history,
        IntrospectionHandlers introspection, Action<bool> shutdown, TextWriter log, CancellationToken kernelToken, DebugAdapter? debug = null)
    {
        _debug = debug;
        _output = output;
        _worker = worker;
        _prompter = prompter;
        _history = history;
        _introspection = introspection;
        _shutdown = shutdown;
        _log = log;
        _kernelToken = kernelToken;
    }

    public void Dispatch(KernelChannel channel, JupyterMessage request)
    {
        if (channel == KernelChannel.Stdin)
        {
            _prompter.OnStdinMessage(request);
            return;
        }

        switch (request.MessageType)
        {
            case "execute_request":
                _worker.Enqueue(request);
                break;
            case "kernel_info_request":
                Answer(channel, request, "kernel_info_reply", KernelInfo.Content());
                break;
            case "comm_info_request":
                Answer(channel, request, "comm_info_reply", CommRequest.Info(request));
                break;
            case "history_request":
                Answer(channel, request, "history_reply", HistoryHandler.Reply(request, _history));
                break;
            case "comm_open" or "comm_msg" or "comm_close":
                // Callbacks run in the session, in order, one at a time with cells: on the execution worker.
                _worker.Enqueue(request);
                break;
            case "is_complete_request":
                AnswerLater(channel, request, "is_complete_reply", _ => Task.FromResult(_introspection.IsComplete(request)));
                break;
            case "complete_request":
                AnswerLater(channel, request, "complete_reply", ct => _introspection.CompleteAsync(request, ct));
                break;
            case "inspect_request":
                AnswerLater(channel, request, "inspect_reply", ct => _introspection.InspectAsync(request, ct));
                break;
            case "debug_request" when _debug is not null:
                _debug.Handle(channel, request);
                break;
            case "interrupt_request":
                _worker.Interrupt();
                Answer(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                break;
            case "shutdown_request":
                var restart = request.ContentBool("restart", false);
                _worker.Interrupt();
                var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                _output.Status(request, "busy");
                _output.Reply(channel, request, "shutdown_reply", content);
                _output.Publish(request, "shutdown_reply", (JsonObject)content.DeepClone());
                _output.Status(request, "idle");
                _shutdown(restart);
                break;
            default:
                // Anything newer: nothing to do, but keep the busy/idle contract.
                _log.WriteLine($"Ignored {request.MessageType} on {channel}.");
                _output.Status(request, "busy");
                _output.Status(request, "idle");
                break;
        }
    }

    private void Answer(KernelChannel channel, JupyterMessage request, string replyType, JsonObject content)
    {
        _output.Status(request, "busy");
        _output.Reply(channel, request, replyType, content);
        _output.Status(request, "idle");
    }

    private void AnswerLater(KernelChannel channel, JupyterMessage request, string replyType, Func<CancellationToken, Task<JsonObject>> handler)
    {
        _output.Status(request, "busy");
        _ = Task.Run(async () =>
        {
            JsonObject content;
            try
            {
                content = await handler(_kernelToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing completion must produce an error reply, not a silent front end.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                content = ErrorContent.From(ex);
                content["status"] = "error";
            }

            _output.Reply(channel, request, replyType, content);
            _output.Status(request, "idle");
        });
    }
}
