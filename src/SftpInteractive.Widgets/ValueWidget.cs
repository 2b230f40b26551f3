using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets;

/// <summary>A control with a typed <see cref="Value"/> kept in step with the front end.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public abstract class ValueWidget<T> : DescriptionWidget
{
    /// <summary>Creates the control with its initial value.</summary>
    protected ValueWidget(string modelName, string viewName, string styleModel, T value, bool allowHtml = true)
        : base(modelName, viewName, styleModel, allowHtml) => Define("value", ToJson(value));

    /// <summary>The value; setting it updates every view.</summary>
    public T Value
    {
        get => FromJson(GetState("value"));
        set => Set("value", ToJson(value));
    }

    /// <summary>Raised when <see cref="Value"/> changes, in code or by the user.</summary>
    public event EventHandler<ValueChangedEventArgs<T>>? ValueChanged;

    /// <summary>Calls <paramref name="handler"/> with each new value (as ipywidgets' <c>observe(..., 'value')</c>).</summary>
    public void OnValue(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ValueChanged += (_, e) => handler(e.NewValue);
    }

    /// <summary>The JSON form of a value.</summary>
    protected virtual object? ToJson(T value) => value;

    /// <summary>A value from its JSON form.</summary>
    protected virtual T FromJson(JsonNode? node) => node is null ? default! : node.Deserialize<T>()!;

    /// <inheritdoc />
    protected override void OnChanged(WidgetChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        base.OnChanged(change);
        if (change.Name == "value")
        {
            ValueChanged?.Invoke(this, new ValueChangedEventArgs<T>(FromJson(change.OldValue), FromJson(change.NewValue), change.FromFrontEnd));
        }
    }
}
