using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Widgets.Protocol;

/// <summary>
/// The widgets whose comm is open, by model id, and the <c>jupyter.widget.control</c> target that sends all their
/// states in one <c>update_states</c> (what a front end asks for when it reloads). Open widgets are held weakly: what
/// keeps a widget alive is what refers to it (a variable, a callback, the container or explorer it is part of) or an
/// output that shows it (<see cref="WidgetOutputs"/>); a widget nothing holds any more is collected and its comm closed
/// (<see cref="CommCloser"/>).
/// </summary>
internal static class WidgetRegistry
{
    private static readonly ConcurrentDictionary<string, WeakReference<Widget>> Live = new(StringComparer.Ordinal);
    private static int _installed;

    /// <summary>Registers the control target once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            CommHub.RegisterTarget(WidgetProtocol.ControlTarget, OnControlOpened);
        }
    }

    public static void Add(Widget widget) => Live[widget.ModelId] = new WeakReference<Widget>(widget);

    public static void Remove(string modelId) => Live.TryRemove(modelId, out _);

    /// <summary>The open widget of model (comm) id <paramref name="modelId"/>, or null.</summary>
    public static Widget? Find(string? modelId) =>
        modelId is not null && Live.TryGetValue(modelId, out var weak) && weak.TryGetTarget(out var widget) ? widget : null;

    /// <summary>The open widgets not yet collected.</summary>
    public static IReadOnlyCollection<Widget> All => [.. Live.Values.Select(r => r.TryGetTarget(out var w) ? w : null).OfType<Widget>()];

    private static void OnControlOpened(Comm comm, CommMessage opening) =>
        comm.MessageReceived += (_, message) =>
        {
            if (message.Data["method"]?.GetValue<string>() != "request_states")
            {
                return;
            }

            var states = new JsonObject();
            var paths = new JsonArray();
            var buffers = new List<byte[]>();
            foreach (var widget in All.OrderBy(w => w.Order))
            {
                var (state, ownPaths, ownBuffers) = widget.FullState();
                states[widget.ModelId] = new JsonObject
                {
                    ["model_name"] = widget.ModelName,
                    ["model_module"] = widget.ModelModule,
                    ["model_module_version"] = widget.ModelModuleVersion,
                    ["state"] = state,
                };
                foreach (var path in ownPaths)
                {
                    var full = new JsonArray { widget.ModelId, "state" };
                    foreach (var step in path!.AsArray())
                    {
                        full.Add(step?.DeepClone());
                    }

                    paths.Add(full);
                }

                buffers.AddRange(ownBuffers);
            }

            comm.Send(new JsonObject { ["method"] = "update_states", ["states"] = states, ["buffer_paths"] = paths }, buffers);
        };
}
