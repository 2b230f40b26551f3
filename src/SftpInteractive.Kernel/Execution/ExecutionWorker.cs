using System.Text.Json.Nodes;
using System.Threading.Channels;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;
using SftpInteractive.Scripting;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Kernel.Execution;

/// <summary>
/// Runs execute requests one after another on a worker of its own, so the shell loop keeps answering complete,
/// inspect and kernel_info while a cell runs. Interrupt cancels the running cell's token; after a failed cell with
/// stop_on_error, the requests that arrived before its reply was sent are answered with status abort — and only those:
/// a cell the client sends in reaction to the error reply runs.
/// </summary>
internal sealed class ExecutionWorker
{
    private readonly IInteractiveEngine _engine;
    private readonly KernelOutput _output;
    private readonly StdinPrompter _prompter;
    private readonly KernelHistory _history;
    private readonly Action<JupyterMessage>? _replied;
    private readonly TextWriter _log;
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
    /// <param name="log">The kernel's diagnostics (comm messages for unknown comms).</param>
    public ExecutionWorker(IInteractiveEngine engine, KernelOutput output, StdinPrompter prompter, KernelHistory history,
        Action<JupyterMessage>? replied = null, TextWriter? log = null)
    {
        _log = log ?? TextWriter.Null;
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
                if (CommRequest.IsComm(queued.Request))
                {
                    await HandleCommAsync(queued.Request, cancellationToken).ConfigureAwait(false);
                }
                else if (queued.Arrival <= _abortThrough)
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

        // Until the reply: the cell's comms (its widgets, and the Output below) open parented to this request, and the
        // widgets it shows are held by its cell.
        var cellId = CellOf(request);
        using var commParent = KernelComms.Parent(request);
        using var cellRun = WidgetOutputs.RunCell(cellId, DeletedCells(request));
        SubmissionResult result;
        using (var sink = new KernelDisplaySink(_output, request, options.AllowStdin ? _prompter : null, cell.Token))
        {
            using var submission = new SubmissionContext { Token = cell.Token, Label = SubmissionLabel.Cell(count) }.Enter();
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

        DisplayCellOutput(request, options, cellId);
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

    /// <summary>When the cell displayed widgets, displays last in it the (empty, invisible) Output its widgets' callbacks
    /// show their console output, displays and errors in (<see cref="CellOutputs"/>): a front end routes output to a
    /// cell only while its request runs, so this Output is how a later callback reaches the cell.</summary>
    private void DisplayCellOutput(JupyterMessage request, ExecuteOptions options, string? cellId)
    {
        if (options.Silent || CellOutputs.EndCell(cellId) is not { } output)
        {
            return;
        }

        var rendered = DisplayRenderer.Render(output);
        _output.Publish(request, "display_data", new JsonObject
        {
            ["data"] = KernelDisplaySink.MimeBundle(rendered),
            ["metadata"] = new JsonObject(),
        });
    }

    /// <summary>The id of the notebook cell being run, as JupyterLab and Notebook 7 send it (metadata <c>cellId</c>).</summary>
    private static string? CellOf(JupyterMessage request) =>
        request.Metadata["cellId"] is JsonValue id && id.TryGetValue<string>(out var cell) && cell.Length > 0 ? cell : null;

    /// <summary>The cells deleted since the last request (metadata <c>deletedCells</c>).</summary>
    private static IEnumerable<string> DeletedCells(JupyterMessage request) =>
        request.Metadata["deletedCells"] is JsonArray deleted
            ? deleted.Select(d => d is JsonValue v && v.TryGetValue<string>(out var id) ? id : null).OfType<string>()
            : [];

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

        // The engine guards the cell itself (SubmissionGuard); this guard, the same rule, is for an engine that breaks its
        // promise: after the engine's grace period and one more, the user gets the kernel back.
        if (!await SubmissionGuard.WaitAsync(run, cellToken, outer: true).ConfigureAwait(false))
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

    /// <summary>A comm message from the front end: its callbacks run in the session, one at a time. What they print,
    /// display or throw goes into the Output of the cell that displayed the widget (<see cref="CellOutputs"/>), so it
    /// shows under that cell; with no such Output it is parented to the front end's message (JupyterLab shows it in its
    /// log console). Either way the kernel goes on. A comm_open no target accepts is closed.</summary>
    private async Task HandleCommAsync(JupyterMessage request, CancellationToken kernelToken)
    {
        _output.Status(request, "busy");
        using var callback = CancellationTokenSource.CreateLinkedTokenSource(kernelToken);
        lock (_lock)
        {
            _running = callback;
        }

        var accepted = true;
        SubmissionResult result;
        var (cellOutput, callbackCell) = CellOutputs.Callback(request.ContentString("comm_id"));
        using (callbackCell)
        using (KernelComms.Parent(request))
        using (WidgetOutputs.RunCell(CellOf(request), DeletedCells(request)))
        using (var sink = new KernelDisplaySink(_output, request, null, callback.Token))
        {
            result = await _engine.RunCallbackAsync(() =>
            {
                // Under the widget's cell when it has an Output: the same capture as Output.Run.
                using (cellOutput?.Capture())
                {
                    accepted = CommRequest.Deliver(request, _log);
                }
            }, sink, callback.Token).ConfigureAwait(false);
            sink.FlushStreams();
            if (cellOutput is not null && ErrorOf(result) is { } error)
            {
                cellOutput.AppendError(error); // its update parented to this request, as the callback's own
                result = new SubmissionResult.Success(null, false, null);
            }
        }

        lock (_lock)
        {
            _running = null;
        }

        if (!accepted)
        {
            _output.Publish(request, "comm_close", new JsonObject { ["comm_id"] = request.ContentString("comm_id"), ["data"] = new JsonObject() });
        }

        if (ErrorOf(result) is { } unrouted)
        {
            _output.Publish(request, "error", unrouted);
        }

        _output.Status(request, "idle");
    }

    private static JsonObject? ErrorOf(SubmissionResult result) => result switch
    {
        SubmissionResult.Failure failure => ErrorContent.From(failure),
        SubmissionResult.Cancelled cancelled => ErrorContent.From(cancelled),
        _ => null,
    };

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
