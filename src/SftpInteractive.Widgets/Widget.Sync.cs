using System.Text.Json.Nodes;
using SftpInteractive.Widgets.Comms;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

public abstract partial class Widget
{
    private static readonly JsonNode Omitted = JsonValue.Create("\u0000omitted")!;

    /// <summary>Opens the comm (and first those of the widgets this one refers to), sending the whole state in
    /// <c>comm_open</c>. Does nothing when already open or closed.</summary>
    internal void EnsureOpen()
    {
        lock (_lock)
        {
            if (_comm is not null || _closed)
            {
                return;
            }
        }

        foreach (var child in ReferencedWidgets())
        {
            child.EnsureOpen();
        }

        WidgetRegistry.Install();
        lock (_lock)
        {
            if (_comm is not null || _closed)
            {
                return;
            }

            var (state, paths, buffers) = FullStateLocked();
            var comm = CommHub.OpenComm(WidgetProtocol.Target, ModelId,
                new JsonObject { ["state"] = state, ["buffer_paths"] = paths },
                new JsonObject { ["version"] = WidgetProtocol.Version }, buffers);
            // The comm (held by CommHub while open) refers to the widget weakly, so that a widget nothing else holds
            // can be collected; its CommCloser then closes the comm.
            var self = new WeakReference<Widget>(this);
            var modelId = ModelId;
            comm.MessageReceived += (_, message) =>
            {
                if (self.TryGetTarget(out var widget))
                {
                    widget.Receive(message);
                }
            };
            comm.Closed += (_, _) =>
            {
                WidgetRegistry.Remove(modelId);
                if (self.TryGetTarget(out var widget))
                {
                    WidgetOutputs.Release(widget);
                }
            };
            _comm = comm;
            _closer = new CommCloser(comm, modelId);
        }

        WidgetRegistry.Add(this);
        CellOutputs.Opened(this);
    }

    /// <summary>The widgets this one's state refers to (children, layout, style).</summary>
    internal List<Widget> ReferencedWidgets()
    {
        lock (_lock)
        {
            return [.. _state.Values.SelectMany(v => v switch
            {
                Widget w => [w],
                IReadOnlyList<Widget> list => list,
                _ => (IEnumerable<Widget>)[],
            })];
        }
    }

    /// <summary>Opens the comm of a widget shown in an output and holds the widget for as long as that output may show
    /// it (<see cref="WidgetOutputs"/>), whatever the session's variables hold.</summary>
    internal void OpenForDisplay()
    {
        EnsureOpen();
        if (IsOpen)
        {
            WidgetOutputs.Hold(this);
            CellOutputs.Shown(this);
        }
    }

    /// <summary>The whole state with binary values taken out as buffers (comm_open, request_state, update_states).</summary>
    internal (JsonObject State, JsonArray Paths, List<byte[]> Buffers) FullState()
    {
        lock (_lock)
        {
            return FullStateLocked();
        }
    }

    private (JsonObject State, JsonArray Paths, List<byte[]> Buffers) FullStateLocked() => StateOf(_state.Keys);

    private (JsonObject State, JsonArray Paths, List<byte[]> Buffers) StateOf(IEnumerable<string> names)
    {
        var state = new JsonObject();
        var paths = new JsonArray();
        var buffers = new List<byte[]>();
        foreach (var name in names)
        {
            var node = Serialize(_state.GetValueOrDefault(name), name, paths, buffers);
            if (!ReferenceEquals(node, Omitted))
            {
                state[name] = node;
            }
        }

        return (state, paths, buffers);
    }

    private void SendState(Comm comm, string method, IEnumerable<string> names)
    {
        var (state, paths, buffers) = StateOf(names);
        comm.Send(new JsonObject { ["method"] = method, ["state"] = state, ["buffer_paths"] = paths }, buffers);
    }

    /// <summary>A stored value as JSON: widgets as <c>IPY_MODEL_</c> references; bytes as a buffer at
    /// <paramref name="name"/> when collecting buffers (the key is then left out), else as null.</summary>
    private static JsonNode? Serialize(object? value, string? name, JsonArray? paths, List<byte[]> buffers) => value switch
    {
        null => null,
        Widget w => JsonValue.Create(WidgetProtocol.ReferencePrefix + w.ModelId),
        IReadOnlyList<Widget> list => new JsonArray([.. list.Select(w => (JsonNode)JsonValue.Create(WidgetProtocol.ReferencePrefix + w.ModelId))]),
        byte[] bytes when paths is not null && name is not null => Buffer(bytes, name, paths, buffers),
        byte[] => null,
        JsonNode node => node.DeepClone(),
        _ => null,
    };

    private static JsonNode Buffer(byte[] bytes, string name, JsonArray paths, List<byte[]> buffers)
    {
        paths.Add(new JsonArray(name));
        buffers.Add(bytes);
        return Omitted;
    }

    private void Receive(CommMessage message)
    {
        switch (message.Data["method"]?.GetValue<string>())
        {
            case "update":
                if (message.Data["state"] is JsonObject state)
                {
                    ApplyFromFrontEnd(state, message.Data["buffer_paths"] as JsonArray, message.Buffers);
                }

                break;
            case "request_state":
                lock (_lock)
                {
                    if (_comm is { } comm)
                    {
                        SendState(comm, "update", _state.Keys);
                    }
                }

                break;
            case "custom":
                OnCustomMessage(message with { Data = message.Data["content"] as JsonObject ?? [] });
                break;
        }
    }

    /// <summary>An update from the front end: echoed first (protocol 2.1.0, as ipywidgets 8 does, so every front end
    /// learns the order of changes), then applied, then the change events run; what they set in turn is sent as an
    /// ordinary update.</summary>
    private void ApplyFromFrontEnd(JsonObject state, JsonArray? bufferPaths, IReadOnlyList<byte[]> buffers)
    {
        var topLevel = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < (bufferPaths?.Count ?? 0) && i < buffers.Count; i++)
        {
            var path = bufferPaths![i]!.AsArray().Select(p => p!.ToString()).ToList();
            if (path.Count == 1)
            {
                topLevel[path[0]] = buffers[i];
            }
            else
            {
                OnNestedBuffer(string.Join('/', path), buffers[i]);
            }
        }

        var changes = new List<WidgetChangedEventArgs>();
        lock (_lock)
        {
            var names = state.Select(p => p.Key).Concat(topLevel.Keys).Distinct(StringComparer.Ordinal)
                .Where(n => _state.ContainsKey(n) && _state[n] is not Widget and not IReadOnlyList<Widget>).ToList();
            var echo = names.Where(n => !_noEcho.Contains(n)).ToList();
            foreach (var name in names)
            {
                var old = _state[name];
                object? incoming = topLevel.TryGetValue(name, out var bytes) ? bytes : state[name]?.DeepClone();
                _state[name] = incoming;
                if (!SameValue(old, incoming))
                {
                    changes.Add(new WidgetChangedEventArgs(name, Serialize(old, null, null, []), Serialize(incoming, null, null, []), true));
                }
            }

            if (echo.Count > 0 && _comm is { } comm)
            {
                SendState(comm, "echo_update", echo);
            }
        }

        foreach (var change in changes)
        {
            OnChanged(change);
        }
    }
}
