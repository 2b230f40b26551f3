using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>The style of a control (a @jupyter-widgets/controls *StyleModel): colours, fonts, description width.</summary>
public sealed class Style : Widget
{
    private static readonly Dictionary<string, string[]> Models = new(StringComparer.Ordinal)
    {
        ["DescriptionStyleModel"] = ["description_width"],
        ["SliderStyleModel"] = ["description_width", "handle_color"],
        ["ProgressStyleModel"] = ["bar_color", "description_width"],
        ["ButtonStyleModel"] = ["button_color", "font_family", "font_size", "font_style", "font_variant", "font_weight", "text_color", "text_decoration"],
        ["ToggleButtonStyleModel"] = ["description_width", "font_family", "font_size", "font_style", "font_variant", "font_weight", "text_color", "text_decoration"],
        ["CheckboxStyleModel"] = ["background", "description_width"],
        ["TextStyleModel"] = ["background", "description_width", "font_size", "text_color"],
        ["HTMLStyleModel"] = ["background", "description_width", "font_size", "text_color"],
        ["LabelStyleModel"] = ["background", "description_width", "font_family", "font_size", "font_style", "font_variant", "font_weight", "text_color", "text_decoration"],
    };

    private readonly string[] _attributes;

    internal Style(string model)
        : base(model, "StyleView", WidgetProtocol.ControlsModule, WidgetProtocol.BaseModule)
    {
        _attributes = Models[model];
        foreach (var name in _attributes)
        {
            // description_width is the only non-nullable one: an empty string means the default width.
            Define(name, name == "description_width" ? string.Empty : null);
        }
    }

    /// <summary>A style attribute by its state name (<c>bar_color</c>, <c>description_width</c>, …).</summary>
    /// <exception cref="ArgumentException">This style has no such attribute.</exception>
    public string? this[string attribute]
    {
        get => Get<string?>(Check(attribute));
        set => Set(Check(attribute), value);
    }

    /// <summary>The attributes this style has.</summary>
    public IReadOnlyList<string> AttributeNames => _attributes;

    /// <inheritdoc />
    protected override string Describe() => string.Empty;

    private string Check(string attribute) =>
        Array.IndexOf(_attributes, attribute) >= 0 ? attribute : throw new ArgumentException($"This style has no '{attribute}'; it has {string.Join(", ", _attributes)}.", nameof(attribute));
}
