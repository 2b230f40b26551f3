using System.Text.Json;
using System.Text.Json.Nodes;
using SftpInteractive.Widgets.Comms;
using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>
/// A Jupyter widget model: a state (JSON attributes, references to other widgets, binary buffers) kept in step with the
/// front end over one comm. The comm opens when the widget is first displayed (or a displayed widget refers to it);
/// until then the widget lives only in the session. Changes made in code are sent as <c>update</c>; changes made in the
/// front end are echoed (<c>echo_update</c>), applied and raise <see cref="Changed"/>.
/// </summary>
public abstract partial class Widget
{
    private static long _created;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object?> _state = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noEcho = new(StringComparer.Ordinal);
    private Comm? _comm;
#pragma warning disable IDE0052, CA1823 // Held only to be finalized with the widget (it closes the comm).
    private CommCloser? _closer;
#pragma warning restore IDE0052, CA1823
    private bool _closed;

    /// <summary>Creates a widget of the given model and view.</summary>
    /// <param name="modelName">The front end's model class, e.g. <c>IntSliderModel</c>.</param>
    /// <param name="viewName">The view class, or null for models without a view (links).</param>
    /// <param name="modelModule">The model's npm module.</param>
    /// <param name="viewModule">The view's npm module.</param>
    /// <param name="moduleVersion">The semver of both modules.</param>
    protected Widget(string modelName, string? viewName, string modelModule = WidgetProtocol.ControlsModule,
        string viewModule = WidgetProtocol.ControlsModule, string moduleVersion = WidgetProtocol.ModuleVersion)
    {
        ModelId = Guid.NewGuid().ToString("N");
        Order = Interlocked.Increment(ref _created);
        ModelName = modelName;
        ModelModule = modelModule;
        ModelModuleVersion = moduleVersion;
        Define("_model_module", modelModule);
        Define("_model_module_version", moduleVersion);
        Define("_model_name", modelName);
        Define("_view_module", viewModule);
        Define("_view_module_version", moduleVersion);
        Define("_view_name", viewName);
    }

    /// <summary>The model id (also the comm id) the front end knows this widget by.</summary>
    public string ModelId { get; }

    /// <summary>True while the widget's comm is open (it was displayed and not closed).</summary>
    public bool IsOpen => _comm?.IsOpen == true;

    /// <summary>Raised after any state attribute changed, in code or in the front end.</summary>
    public event EventHandler<WidgetChangedEventArgs>? Changed;

    /// <summary>Raised for a <c>custom</c> message from the front end (a button's click arrives so).</summary>
    public event EventHandler<CommMessage>? CustomMessage;

    internal string ModelName { get; }

    internal string ModelModule { get; }

    internal string ModelModuleVersion { get; }

    internal long Order { get; }

    /// <summary>Closes the widget: its comm closes and the front end removes its views. Closing twice does nothing.</summary>
    public void Close()
    {
        Comm? comm;
        lock (_lock)
        {
            comm = _comm;
            _closed = true;
        }

        WidgetRegistry.Remove(ModelId);
        WidgetOutputs.Release(this);
        comm?.Close();
    }

    /// <summary>Sends a <c>custom</c> message to the front end's model.</summary>
    public void SendCustom(JsonObject content, IReadOnlyList<byte[]>? buffers = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _comm?.Send(new JsonObject { ["method"] = "custom", ["content"] = content }, buffers);
    }

    /// <summary>Calls <paramref name="handler"/> with the new JSON value whenever <paramref name="name"/> changes.</summary>
    public void Observe(string name, Action<WidgetChangedEventArgs> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Changed += (_, e) =>
        {
            if (e.Name == name)
            {
                handler(e);
            }
        };
    }

    /// <summary>The widget's current JSON value of state attribute <paramref name="name"/> (null when unknown).</summary>
    public JsonNode? GetState(string name)
    {
        lock (_lock)
        {
            return _state.TryGetValue(name, out var value) ? Serialize(value, null, null, []) : null;
        }
    }

    /// <summary>Sets state attribute <paramref name="name"/> from its JSON form (what <see cref="Link"/> copies).</summary>
    internal void SetState(string name, JsonNode? value) => Set(name, value?.DeepClone());

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({Describe()})";

    /// <summary>The <c>text/plain</c> shown where widgets cannot be (a terminal, a front end without widgets).</summary>
    internal virtual string FallbackText() => ToString();

    /// <summary>An HTML fallback for front ends without widgets, or null.</summary>
    internal virtual string? FallbackHtml() => null;

    /// <summary>The short text a terminal shows for this widget (<c>value=5</c>…).</summary>
    protected virtual string Describe() => GetState("value") is { } value ? "value=" + value.ToJsonString() : string.Empty;

    /// <summary>Defines an attribute with its initial value, without sending or raising anything (constructors).</summary>
    /// <param name="name">The attribute.</param>
    /// <param name="value">JSON-serialisable value, a <see cref="Widget"/>, a list of widgets or a <c>byte[]</c> (sent as a
    /// binary buffer).</param>
    /// <param name="echo">False for attributes the kernel must not echo back (an upload's contents).</param>
    protected void Define(string name, object? value, bool echo = true)
    {
        lock (_lock)
        {
            _state[name] = Normalize(value);
            if (!echo)
            {
                _noEcho.Add(name);
            }
        }
    }

    /// <summary>The value of <paramref name="name"/> as <typeparamref name="T"/>.</summary>
    protected T Get<T>(string name)
    {
        lock (_lock)
        {
            return _state.GetValueOrDefault(name) switch
            {
                null => default!,
                T typed => typed,
                JsonNode node => node.Deserialize<T>()!,
                var other => (T)other,
            };
        }
    }

    /// <summary>Sets <paramref name="name"/>; when the value differs, sends an <c>update</c> and raises
    /// <see cref="Changed"/>.</summary>
    protected void Set(string name, object? value)
    {
        var normal = Normalize(value);
        JsonNode? oldJson;
        JsonNode? newJson;
        lock (_lock)
        {
            var old = _state.GetValueOrDefault(name);
            if (SameValue(old, normal))
            {
                return;
            }

            oldJson = Serialize(old, null, null, []);
            _state[name] = normal;
            newJson = Serialize(normal, null, null, []);
            if (_comm is { IsOpen: true } comm)
            {
                if (normal is Widget child)
                {
                    child.EnsureOpen();
                }
                else if (normal is IReadOnlyList<Widget> children)
                {
                    foreach (var c in children)
                    {
                        c.EnsureOpen();
                    }
                }

                SendState(comm, "update", [name]);
            }
        }

        OnChanged(new WidgetChangedEventArgs(name, oldJson, newJson, false));
    }

    /// <summary>Called when a <c>custom</c> message arrives; the default raises <see cref="CustomMessage"/>.</summary>
    protected virtual void OnCustomMessage(CommMessage message) => CustomMessage?.Invoke(this, message);

    /// <summary>Raises <see cref="Changed"/>.</summary>
    protected virtual void OnChanged(WidgetChangedEventArgs change) => Changed?.Invoke(this, change);

    /// <summary>Called with a binary buffer the front end sent inside an attribute (the path below the attribute, such
    /// as <c>value/0/content</c> of an upload). The default ignores it.</summary>
    protected virtual void OnNestedBuffer(string path, byte[] data)
    {
    }

    private static object? Normalize(object? value) => value switch
    {
        null => null,
        Widget or byte[] or JsonNode => value,
        IEnumerable<Widget> widgets => widgets.ToList().AsReadOnly(),
        _ => JsonSerializer.SerializeToNode(value, value.GetType()),
    };

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (Widget x, Widget y) => ReferenceEquals(x, y),
        (IReadOnlyList<Widget> x, IReadOnlyList<Widget> y) => x.SequenceEqual(y),
        (JsonNode x, JsonNode y) => JsonNode.DeepEquals(x, y),
        _ => false,
    };
}
