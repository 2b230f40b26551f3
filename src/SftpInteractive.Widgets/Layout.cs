using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>The CSS layout of a view (@jupyter-widgets/base LayoutModel): every attribute is a CSS value or null.</summary>
public sealed class Layout : Widget
{
    private static readonly string[] Attributes =
    [
        "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top", "bottom",
        "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column",
        "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height",
        "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width",
        "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
    ];

    /// <summary>Creates an empty layout.</summary>
    public Layout()
        : base("LayoutModel", "LayoutView", WidgetProtocol.BaseModule, WidgetProtocol.BaseModule)
    {
        foreach (var name in Attributes)
        {
            Define(name, null);
        }
    }

    /// <summary>A CSS attribute by its state name (<c>width</c>, <c>grid_template_columns</c>, …).</summary>
    /// <exception cref="ArgumentException">Not a layout attribute.</exception>
    public string? this[string attribute]
    {
        get => Get<string?>(Check(attribute));
        set => Set(Check(attribute), value);
    }

    /// <summary>CSS width.</summary>
    public string? Width { get => this["width"]; set => this["width"] = value; }

    /// <summary>CSS height.</summary>
    public string? Height { get => this["height"]; set => this["height"] = value; }

    /// <summary>CSS max-height.</summary>
    public string? MaxHeight { get => this["max_height"]; set => this["max_height"] = value; }

    /// <summary>CSS margin.</summary>
    public string? Margin { get => this["margin"]; set => this["margin"] = value; }

    /// <summary>CSS overflow.</summary>
    public string? Overflow { get => this["overflow"]; set => this["overflow"] = value; }

    /// <summary>CSS display (<c>none</c> hides the view).</summary>
    public string? Display { get => this["display"]; set => this["display"] = value; }

    /// <summary>CSS grid-template-columns (GridBox).</summary>
    public string? GridTemplateColumns { get => this["grid_template_columns"]; set => this["grid_template_columns"] = value; }

    /// <inheritdoc />
    protected override string Describe() => string.Empty;

    private static string Check(string attribute) =>
        Array.IndexOf(Attributes, attribute) >= 0 ? attribute : throw new ArgumentException($"'{attribute}' is not a layout attribute.", nameof(attribute));
}
