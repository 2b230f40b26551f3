using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets;

/// <summary>One attribute of a widget's state changed.</summary>
/// <param name="name">The state attribute (<c>value</c>, <c>index</c>, <c>description</c>…).</param>
/// <param name="oldValue">Its JSON value before.</param>
/// <param name="newValue">Its JSON value now.</param>
/// <param name="fromFrontEnd">True when the user changed it in the front end; false when code in the session did.</param>
public sealed class WidgetChangedEventArgs(string name, JsonNode? oldValue, JsonNode? newValue, bool fromFrontEnd) : EventArgs
{
    /// <summary>The state attribute that changed.</summary>
    public string Name { get; } = name;

    /// <summary>Its JSON value before the change.</summary>
    public JsonNode? OldValue { get; } = oldValue;

    /// <summary>Its JSON value after the change.</summary>
    public JsonNode? NewValue { get; } = newValue;

    /// <summary>True when the change came from the front end.</summary>
    public bool FromFrontEnd { get; } = fromFrontEnd;
}
