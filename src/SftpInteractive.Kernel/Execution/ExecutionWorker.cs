using System.Text.Json.Nodes;
using System.Threading.Channels;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;
using SftpInteractive.Scripting;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// Runs execute requests one after another on a worker of its own, so the shell loop keeps answering complete,
/// inspect and kernel_info while a cell runs. Interrupt cancels the running cell's token; after a failed cell with
/// stop_on_error, the requests that arrived before its reply was sent are answered with status abort — and only those:
/// a cell the client sends in reaction to the error reply runs.
/// </summary>
internal sealed class ExecutionWorker
{
    // Roslyn cancellation is cooperative; if a cell still has not returned this long after an interrupt, stop
    // waiting for it so the user gets the kernel back.
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(3);

    private readonly IInteractiveEngine _engine;
    private readonly KernelOutput _output;
    private readonly StdinPrompter _prompter;
    private readonly KernelHistory _history;
    private readonly Action<JupyterMessage>? _replied;
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new() { SingleReader = true });
    private readonly Lock _lock = new();
    private CancellationTokenSource? _running;
    private long _arrivals;
    private long _abortThrough;

    /// <param name="engine">Runs the cells.</param>
    /// <param name="output">Where replies and iopub messages go.</param>
    /// <param name="prompter">Answers the engine's prompts through input_request.</param>
    /// <param name="history">Stores executed cells.</param>
    /// <param name="replied">Called on the worker right after each execute_reply is queued (tests play a client that
    /// answers at once).</param>
    public ExecutionWorker(IInteractiveEngine engine, KernelOutput output, StdinPrompter prompter, KernelHistory history,
        Action<JupyterMessage>? replied = null)
    {
        _engine = engine;
        _output = output;
        _prompter = prompter;
        _history = history;
        _replied = replied;
    }

    /// <summary>The execution counter (number of stored cells).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Queues an execute_request.</summary>
    public void Enqueue(JupyterMessage request) => _queue.Writer.TryWrite(new Queued(request, Interlocked.Increment(ref _arrivals)));

    /// <summary>Cancels the running cell, if any.</summary>
    public void Interrupt()
    {
        lock (_lock)
        {
            _running?.Cancel();
        }
    }

    /// <summary>Processes the queue until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (queued.Arrival <= _abortThrough)
                {
                    Abort(queued.Request);
                }
                else
                {
                    await ExecuteOneAsync(queued.Request, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Kernel shutdown.
        }
    }

    private async Task ExecuteOneAsync(JupyterMessage request, CancellationToken kernelToken)
    {
        var options = ExecuteOptions.From(request);
        _output.Status(request, "busy");
        if (options.StoreHistory)
        {
            ExecutionCount++;
        }

        var count = ExecutionCount;
        if (!options.Silent)
        {
            _output.Publish(request, "execute_input", new JsonObject { ["code"] = options.Code, ["execution_count"] = count });
        }

        using var cell = CancellationTokenSource.CreateLinkedTokenSource(kernelToken);
        lock (_lock)
        {
            _running = cell;
        }

        SubmissionResult result;
        using (var sink = new KernelDisplaySink(_output, request, options.AllowStdin ? _prompter : null, cell.Token))
        {
            result = await RunGuardedAsync(options, options.Silent ? new SilentDisplaySink() : sink, cell.Token).ConfigureAwait(false);
            sink.FlushStreams();
        }

        lock (_lock)
        {
            _running = null;
        }

        var reply = new JsonObject { ["execution_count"] = count };
        string? outputText = null;
        switch (result)
        {
            case SubmissionResult.Success { HasValue: true } success:
                var rendered = success.Rendered ?? new RenderedValue(success.Value?.ToString() ?? "null", null, success.Value);
                outputText = rendered.Text;
                if (!options.Silent)
                {
                    _output.Publish(request, "execute_result", new JsonObject
                    {
                        ["execution_count"] = count,
                        ["data"] = KernelDisplaySink.MimeBundle(rendered),
                        ["metadata"] = new JsonObject(),
                    });
                }

                break;
            case SubmissionResult.Failure failure:
                AddError(request, options, reply, ErrorContent.From(failure));
                break;
            case SubmissionResult.Cancelled cancelled:
                AddError(request, options, reply, ErrorContent.From(cancelled));
                break;
        }

        if (options.StoreHistory)
        {
            _history.Add(count, options.Code, outputText);
        }

        var failed = result is not SubmissionResult.Success;
        if (failed && options.StopOnError)
        {
            // Decided before the reply leaves: whatever the client sends after seeing the error is not aborted.
            _abortThrough = Interlocked.Read(ref _arrivals);
        }

        reply["status"] = reply.ContainsKey("ename") ? "error" : "ok";
        if (reply["status"]!.GetValue<string>() == "ok")
        {
            reply["payload"] = new JsonArray();
            reply["user_expressions"] = new JsonObject();
        }

        _output.Reply(KernelChannel.Shell, request, "execute_reply", reply);
        _replied?.Invoke(request);
        _output.Status(request, "idle");
    }

    private void AddError(JupyterMessage request, ExecuteOptions options, JsonObject reply, JsonObject error)
    {
        if (!options.Silent)
        {
            _output.Publish(request, "error", (JsonObject)error.DeepClone());
        }

        foreach (var (key, value) in error)
        {
            reply[key] = value?.DeepClone();
        }
    }

    private async Task<SubmissionResult> RunGuardedAsync(ExecuteOptions options, IDisplaySink sink, CancellationToken cellToken)
    {
        Task<SubmissionResult> run;
        try
        {
            run = _engine.ExecuteAsync(options.Code, sink, cellToken);
        }
#pragma warning disable CA1031 // The engine promises results, not exceptions; if it breaks that, the kernel must live on.
        catch (Exception ex)
        {
            return new SubmissionResult.Failure(ex.GetType().Name, ex.Message, [], ex.ToString());
        }

        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cellToken.Register(() => interrupted.TrySetResult());
        await Task.WhenAny(run, interrupted.Task).ConfigureAwait(false);
        if (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(InterruptGrace, CancellationToken.None)).ConfigureAwait(false);
        }

        if (!run.IsCompleted)
        {
            return new SubmissionResult.Cancelled("The cell was interrupted; it ignored cancellation and was left running in the background.");
        }

        try
        {
            return await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new SubmissionResult.Cancelled("The cell was interrupted.");
        }
        catch (Exception ex)
        {
            return new SubmissionResult.Failure(ex.GetType().Name, ex.Message, [], ex.ToString());
        }
#pragma warning restore CA1031
    }

    private void Abort(JupyterMessage queued)
    {
        _output.Status(queued, "busy");
        _output.Reply(KernelChannel.Shell, queued, "execute_reply", new JsonObject
        {
            ["status"] = "abort",
            ["execution_count"] = ExecutionCount,
            ["ename"] = "Aborted",
            ["evalue"] = "Not run: an earlier cell failed (stop_on_error).",
            ["traceback"] = new JsonArray(),
        });
        _output.Status(queued, "idle");
    }

    private readonly record struct Queued(JupyterMessage Request, long Arrival);
}
