using System.Text.Json.Nodes;
using SftpInteractive.Kernel.Execution;
using SftpInteractive.Scripting;
using SftpInteractive.Scripting.Debugging;

namespace SftpInteractive.Kernel.Debugging;

/// <summary>The stopped cell's frames, their scopes and variables, evaluation and the variable explorer.</summary>
internal sealed partial class DebugAdapter
{
    private Result StackTrace(ScriptDebugger debugger, JsonObject arguments)
    {
        if (debugger.Stop is not { } stop)
        {
            return Result.Ok(new JsonObject { ["stackFrames"] = new JsonArray(), ["totalFrames"] = 0 });
        }

        var frames = new JsonArray();
        lock (_gate)
        {
            foreach (var frame in stop.Frames)
            {
                var id = ++_nextFrame;
                _frames[id] = frame;
                var method = DebugSites.Method(frame.Method);
                var statement = DebugSites.Statement(frame.Statement);
                var path = statement?.Path ?? method?.Path ?? string.Empty;
                frames.Add(new JsonObject
                {
                    ["id"] = id,
                    ["name"] = method?.Name ?? "?",
                    ["line"] = statement?.Line ?? method?.Line ?? 0,
                    ["column"] = statement?.Column ?? 1,
                    ["source"] = new JsonObject { ["name"] = Path.GetFileName(path), ["path"] = path },
                });
            }
        }

        var start = arguments["startFrame"]?.GetValue<int>() ?? 0;
        var levels = arguments["levels"]?.GetValue<int>() ?? 0;
        var shown = frames.Skip(start).Take(levels > 0 ? levels : int.MaxValue).Select(f => f!.DeepClone());
        return Result.Ok(new JsonObject { ["stackFrames"] = new JsonArray([.. shown]), ["totalFrames"] = frames.Count });
    }

    private async Task<Result> AnswerAsync(string command, JsonObject arguments)
    {
        if (_engine is null)
        {
            return Result.Fail("This kernel's engine has no debugger.");
        }

        try
        {
            return command switch
            {
                "scopes" => Scopes(arguments),
                "variables" => Variables(arguments),
                "inspectVariables" => InspectVariables(),
                "richInspectVariables" => RichInspect(arguments),
                _ => await EvaluateAsync(arguments).ConfigureAwait(false),
            };
        }
#pragma warning disable CA1031 // Errors are values at the protocol boundary: a failed request gets success false.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex is TargetInvocationFailure ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return Result.Fail(error);
        }
    }

    private Result Scopes(JsonObject arguments)
    {
        var frame = Frame(arguments);
        if (frame is null && arguments["frameId"] is { } id)
        {
            return Result.Fail($"Unknown frameId {id} (it expired when the cell ran on).");
        }

        var scopes = new JsonArray();
        if (frame is not null)
        {
            var locals = frame.Locals();
            var members = frame.Members();
            scopes.Add(new JsonObject
            {
                ["name"] = "Locals",
                ["presentationHint"] = "locals",
                ["variablesReference"] = _variables!.Register(() =>
                    [.. locals.Select(l => l.Name == "this" ? _variables.This(l.Value, members) : _variables.Variable(l.Name, l.Value))]),
                ["expensive"] = false,
            });
        }

        scopes.Add(new JsonObject { ["name"] = "Globals", ["variablesReference"] = _variables!.Register(GlobalVariables), ["expensive"] = false });
        return Result.Ok(new JsonObject { ["scopes"] = scopes });
    }

    private Result Variables(JsonObject arguments)
    {
        var reference = arguments["variablesReference"]?.GetValue<int>() ?? 0;
        return _variables!.Children(reference) is { } children
            ? Result.Ok(new JsonObject { ["variables"] = new JsonArray([.. children]) })
            : Result.Fail($"Unknown variablesReference {reference} (it expired when the cell ran on).");
    }

    private Result InspectVariables()
    {
        _variables!.Clear();
        return Result.Ok(new JsonObject { ["variables"] = new JsonArray([.. GlobalVariables()]) });
    }

    private List<JsonObject> GlobalVariables() =>
        [.. _engine!.SessionVariables().Select(v => _variables!.Variable(v.Name, v.Value, v.Type))];

    /// <summary>A value as the MIME bundle a cell would display (the variable explorer's rich view).</summary>
    private Result RichInspect(JsonObject arguments)
    {
        var name = arguments["variableName"]?.GetValue<string>() ?? string.Empty;
        if (!TryFind(name, Frame(arguments), out var value))
        {
            return Result.Ok(new JsonObject { ["data"] = new JsonObject(), ["metadata"] = new JsonObject() });
        }

        var rendered = DisplayRenderer.Render(value, _engine!.Globals.Formatters);
        return Result.Ok(new JsonObject { ["data"] = KernelDisplaySink.MimeBundle(rendered), ["metadata"] = new JsonObject() });
    }

    private async Task<Result> EvaluateAsync(JsonObject arguments)
    {
        var expression = arguments["expression"]?.GetValue<string>() ?? string.Empty;
        var frame = Frame(arguments) ?? _engine!.Debugger.Stop?.Frames[0];
        if (TryFind(expression.Trim(), frame, out var known))
        {
            // A plain name (a hover, the variables panel, a member of this) needs no compiler.
            return Result.Ok(Evaluated(known));
        }

        var value = await _engine!.EvaluateAsync(expression, frame?.Scope() ?? [], CancellationToken.None).ConfigureAwait(false);
        return Result.Ok(Evaluated(value));
    }

    /// <summary>JupyterLab's "Copy Variable to Globals" on a stopped frame's variable: it becomes a session variable
    /// (listed in Globals at once, declared for the next cell). Answered as ipykernel does, with the value as an
    /// evaluate reply.</summary>
    private Result CopyToGlobals(JsonObject arguments)
    {
        var source = arguments["srcVariableName"]?.GetValue<string>() ?? string.Empty;
        var target = arguments["dstVariableName"]?.GetValue<string>() is { Length: > 0 } name ? name : source;
        var frame = arguments["srcFrameId"]?.GetValue<int>() is { } id ? Frame(id) : _engine!.Debugger.Stop?.Frames[0];
        if (!TryFind(source, frame, out var value))
        {
            return Result.Fail($"No variable '{source}' in that frame.");
        }

        _engine!.CopyToGlobals(target, value);
        return Result.Ok(Evaluated(value));
    }

    private JsonObject Evaluated(object? value)
    {
        var variable = _variables!.Variable("result", value);
        return new JsonObject { ["result"] = variable["value"]!.DeepClone(), ["type"] = variable["type"]!.DeepClone(), ["variablesReference"] = variable["variablesReference"]!.DeepClone() };
    }

    /// <summary>A name's value: a local of the frame, a member of its <c>this</c> (<c>count</c> or <c>this.count</c>),
    /// else a session variable.</summary>
    private bool TryFind(string name, DebugFrame? frame, out object? value)
    {
        var scope = frame?.Scope() ?? [];
        foreach (var candidate in new[] { name, "this." + name })
        {
            foreach (var local in scope)
            {
                if (local.Name == candidate)
                {
                    value = local.Value;
                    return true;
                }
            }
        }

        if (scope.FirstOrDefault(l => l.Name == "this").Value is { } self && PublicMember(self, name.StartsWith("this.", StringComparison.Ordinal) ? name[5..] : name) is { } read)
        {
            value = read();
            return true;
        }

        var global = _engine!.SessionVariables().LastOrDefault(v => v.Name == name);
        value = global.Value;
        return global.Name is not null;
    }

    /// <summary>A public instance property or field of <paramref name="self"/> called <paramref name="name"/> (one its
    /// class inherits, a record's positional property), or null.</summary>
    private static Func<object?>? PublicMember(object self, string name)
    {
        var type = self.GetType();
        // Public instance members only; the most derived one first (a `new` property hides its base's).
        if (type.GetProperties().FirstOrDefault(p => p.Name == name && p.CanRead && p.GetMethod is { IsStatic: false } && p.GetIndexParameters().Length == 0) is { } property)
        {
            return () => property.GetValue(self);
        }

        return type.GetFields().FirstOrDefault(f => f.Name == name && !f.IsStatic) is { } field ? () => field.GetValue(self) : null;
    }

    private DebugFrame? Frame(JsonObject arguments)
    {
        return arguments["frameId"]?.GetValue<int>() is { } id ? Frame(id) : null;
    }

    private DebugFrame? Frame(int id)
    {
        lock (_gate)
        {
            return _frames.GetValueOrDefault(id);
        }
    }

    private sealed record Result(bool Success, JsonObject? Body, string? Message, Action? Then)
    {
        public static Result Ok(JsonObject? body = null, Action? then = null) => new(true, body ?? [], null, then);

        public static Result Fail(string message) => new(false, null, message, null);
    }
}
