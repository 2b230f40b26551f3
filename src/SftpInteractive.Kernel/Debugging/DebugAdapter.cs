using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Protocol;
using SftpInteractive.Kernel.Transport;
using SftpInteractive.Scripting;
using SftpInteractive.Scripting.Debugging;

namespace SftpInteractive.Kernel.Debugging;

/// <summary>
/// The Jupyter debug protocol over the engine's <see cref="ScriptDebugger"/>: debug_request on the control channel
/// (Debug Adapter Protocol requests plus Jupyter's debugInfo, dumpCell, inspectVariables, richInspectVariables,
/// copyToGlobals),
/// debug_reply back, debug_event (stopped, continued, initialized, terminated) on iopub. Requests are answered off the socket
/// thread where they may run user code (property getters, evaluation); the stopped cell only blocks its own thread.
/// </summary>
internal sealed partial class DebugAdapter
{
    private const int ThreadId = 1;

    private readonly KernelOutput _output;
    private readonly ScriptEngine? _engine;
    private readonly DebugVariables? _variables;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, DebugFrame> _frames = [];
    private int _seq;
    private int _nextFrame;
    private int _resumes;

    public DebugAdapter(KernelOutput output, IInteractiveEngine engine)
    {
        _output = output;
        _engine = engine as ScriptEngine;
        if (_engine is not null)
        {
            _variables = new DebugVariables(_engine.Globals.Formatters);
            _engine.Debugger.Stopped += OnStopped;
            _engine.Debugger.Continued += OnContinued;
        }
    }

    /// <summary>Answers one debug_request (called on the socket thread).</summary>
    public void Handle(KernelChannel channel, JupyterMessage request)
    {
        var dap = request.Content;
        var command = dap["command"]?.GetValue<string>() ?? string.Empty;
        var arguments = dap["arguments"] as JsonObject ?? [];
        _output.Status(request, "busy");

        // Frames and variable references belong to one stop (DAP: valid while execution remains suspended). A request
        // about a stop that is answered after the cell ran on fails instead of showing that stop's values: JupyterLab
        // would otherwise put a late reply's locals back in its variables panel after it cleared it on continue.
        int? stop = _engine?.Debugger.Stop is not null && command is "stackTrace" or "scopes" or "variables" or "evaluate" or "richInspectVariables" or "copyToGlobals"
            ? Volatile.Read(ref _resumes)
            : null;
        if (command is "evaluate" or "variables" or "inspectVariables" or "richInspectVariables" or "scopes")
        {
            _ = Task.Run(async () => Reply(channel, request, await AnswerAsync(command, arguments).ConfigureAwait(false), stop));
        }
        else
        {
            Reply(channel, request, Answer(command, arguments), stop);
        }
    }

    private void Reply(KernelChannel channel, JupyterMessage request, Result result, int? stop)
    {
        if (stop is null)
        {
            Send(channel, request, result);
            return;
        }

        // Checked and sent under the lock the resume takes: a reply either leaves before the resume's or fails.
        lock (_gate)
        {
            Send(channel, request, stop == _resumes ? result : Result.Fail("The cell ran on: the frames and variables of that stop are gone."));
        }
    }

    private void Send(KernelChannel channel, JupyterMessage request, Result result)
    {
        var dap = request.Content;
        var response = new JsonObject
        {
            ["seq"] = Interlocked.Increment(ref _seq),
            ["type"] = "response",
            ["request_seq"] = dap["seq"]?.DeepClone() ?? 0,
            ["success"] = result.Success,
            ["command"] = dap["command"]?.DeepClone() ?? string.Empty,
        };
        if (result.Message is not null)
        {
            response["message"] = result.Message;
        }

        if (result.Body is not null)
        {
            response["body"] = result.Body;
        }

        _output.Reply(channel, request, "debug_reply", response);
        _output.Status(request, "idle");
        if (result.Then is { } then)
        {
            then();
        }
    }

    private void Event(string name, JsonObject? body = null)
    {
        var content = new JsonObject { ["seq"] = Interlocked.Increment(ref _seq), ["type"] = "event", ["event"] = name };
        if (body is not null)
        {
            content["body"] = body;
        }

        _output.Publish(null, "debug_event", content);
    }

    private void OnStopped(DebugStop stop)
    {
        lock (_gate)
        {
            _frames.Clear();
        }

        _variables!.Clear();
        var body = new JsonObject { ["reason"] = stop.Reason, ["threadId"] = ThreadId, ["allThreadsStopped"] = true };
        if (stop.Description is { } description)
        {
            body["description"] = description;
            body["text"] = description;
        }

        Event("stopped", body);
    }

    private void OnContinued()
    {
        lock (_gate)
        {
            _resumes++;
            _frames.Clear();
        }

        _variables!.Clear();
        Event("continued", new JsonObject { ["threadId"] = ThreadId, ["allThreadsContinued"] = true });
    }

    private Result Answer(string command, JsonObject arguments)
    {
        if (_engine is null)
        {
            return Result.Fail("This kernel's engine has no debugger.");
        }

        var debugger = _engine.Debugger;
        return command switch
        {
            "initialize" => Result.Ok(Capabilities()),
            "attach" => Attach(debugger),
            "configurationDone" => Result.Ok(),
            "disconnect" => Disconnect(debugger),
            "debugInfo" => Result.Ok(DebugInfo(debugger)),
            "dumpCell" => Result.Ok(new JsonObject { ["sourcePath"] = debugger.Files.Dump(arguments["code"]?.GetValue<string>() ?? string.Empty) }),
            "source" => Source(debugger, arguments),
            "setBreakpoints" => SetBreakpoints(debugger, arguments),
            "setExceptionBreakpoints" => SetExceptionBreakpoints(debugger, arguments),
            "threads" => Result.Ok(new JsonObject { ["threads"] = new JsonArray(new JsonObject { ["id"] = ThreadId, ["name"] = "Cell" }) }),
            "stackTrace" => StackTrace(debugger, arguments),
            "continue" => Resumed(debugger.Continue(), new JsonObject { ["allThreadsContinued"] = true }),
            "next" => Resumed(debugger.Next()),
            "stepIn" => Resumed(debugger.StepIn()),
            "stepOut" => Resumed(debugger.StepOut()),
            "pause" => Pause(debugger),
            "modules" => Result.Ok(new JsonObject { ["modules"] = new JsonArray(), ["totalModules"] = 0 }),
            "copyToGlobals" => CopyToGlobals(arguments),
            _ => Result.Fail($"'{command}' is not supported by this kernel's debugger."),
        };
    }

    private static JsonObject Capabilities() => new()
    {
        ["supportsConfigurationDoneRequest"] = true,
        ["supportsConditionalBreakpoints"] = true,
        ["supportsHitConditionalBreakpoints"] = true,
        ["supportsEvaluateForHovers"] = true,
        ["supportsExceptionInfoRequest"] = false,
        ["supportsSetVariable"] = false,
        ["supportsStepBack"] = false,
        ["exceptionBreakpointFilters"] = new JsonArray(
            new JsonObject { ["filter"] = "raised", ["label"] = "Thrown exceptions", ["default"] = false },
            new JsonObject { ["filter"] = "uncaught", ["label"] = "Unhandled exceptions", ["default"] = false }),
    };

    private Result Attach(ScriptDebugger debugger)
    {
        debugger.Attach();
        return Result.Ok(then: () => Event("initialized"));
    }

    // DAP's terminated event ends the debug session for the front end (JupyterLab hides its "Paused in Debugger" bar
    // and resets its exception filters on it); it follows the reply, as the session's last word.
    private Result Disconnect(ScriptDebugger debugger)
    {
        debugger.Detach();
        return Result.Ok(then: () => Event("terminated"));
    }

    private static JsonObject DebugInfo(ScriptDebugger debugger)
    {
        var breakpoints = new JsonArray();
        foreach (var (path, lines) in debugger.Breakpoints)
        {
            breakpoints.Add(new JsonObject { ["source"] = path, ["breakpoints"] = new JsonArray([.. lines.Values.OrderBy(b => b.Line).Select(Breakpoint)]) });
        }

        return new JsonObject
        {
            ["isStarted"] = debugger.IsAttached,
            ["hashMethod"] = "Murmur2",
            ["hashSeed"] = CellFiles.Seed,
            ["tmpFilePrefix"] = debugger.Files.Prefix,
            ["tmpFileSuffix"] = CellFiles.Suffix,
            ["breakpoints"] = breakpoints,
            ["stoppedThreads"] = debugger.Stop is null ? new JsonArray() : new JsonArray(ThreadId),
            ["richRendering"] = true,
            ["exceptionPaths"] = new JsonArray("C# Exceptions"),
            ["copyToGlobals"] = true,
        };
    }

    private static JsonObject Breakpoint(DebugBreakpoint breakpoint)
    {
        var json = new JsonObject { ["line"] = breakpoint.Line };
        if (breakpoint.Condition is { } condition)
        {
            json["condition"] = condition;
        }

        if (breakpoint.HitCondition is { } hits)
        {
            json["hitCondition"] = hits;
        }

        return json;
    }

    private static Result Source(ScriptDebugger debugger, JsonObject arguments)
    {
        var path = arguments["source"]?["path"]?.GetValue<string>() ?? string.Empty;
        return debugger.Files.Source(path) is { } content
            ? Result.Ok(new JsonObject { ["content"] = content })
            : Result.Fail($"No cell source at {path}.");
    }

    private static Result SetBreakpoints(ScriptDebugger debugger, JsonObject arguments)
    {
        var path = arguments["source"]?["path"]?.GetValue<string>() ?? string.Empty;
        var requested = (arguments["breakpoints"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(b => new DebugBreakpoint(b["line"]?.GetValue<int>() ?? 0, Text(b["condition"]), Text(b["hitCondition"])))
            .Where(b => b.Line > 0)
            .ToList();
        debugger.SetBreakpoints(path, requested);
        var source = new JsonObject { ["path"] = path };
        return Result.Ok(new JsonObject
        {
            ["breakpoints"] = new JsonArray([.. requested.Select(b => new JsonObject { ["verified"] = true, ["line"] = b.Line, ["source"] = source.DeepClone() })]),
        });
    }

    private static Result SetExceptionBreakpoints(ScriptDebugger debugger, JsonObject arguments)
    {
        var filters = (arguments["filters"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).ToList();
        debugger.SetExceptionFilters(filters.Contains("raised"), filters.Contains("uncaught"));
        return Result.Ok(new JsonObject { ["breakpoints"] = new JsonArray([.. filters.Select(_ => new JsonObject { ["verified"] = true })]) });
    }

    private static Result Resumed(bool resumed, JsonObject? body = null) =>
        resumed ? Result.Ok(body) : Result.Fail("No cell is stopped.");

    private static Result Pause(ScriptDebugger debugger)
    {
        debugger.Pause();
        return Result.Ok();
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>() is { Length: > 0 } text ? text : null;
}
