using SftpInteractive.Widgets.Protocol;

namespace SftpInteractive.Widgets;

/// <summary>A widget with a view on the page: CSS classes, a <see cref="Layout"/>, a tooltip.</summary>
public abstract class DomWidget : Widget
{
    /// <summary>Creates a widget with a view.</summary>
    protected DomWidget(string modelName, string viewName, string module = WidgetProtocol.ControlsModule, string version = WidgetProtocol.ModuleVersion)
        : base(modelName, viewName, module, module, version)
    {
        Define("_dom_classes", Array.Empty<string>());
        Define("layout", Layout = new Layout());
        Define("tabbable", null);
        Define("tooltip", null);
    }

    /// <summary>Size, margins, flex and grid placement of the view.</summary>
    public Layout Layout { get; }

    /// <summary>A tooltip shown when the mouse rests on the view.</summary>
    public string? Tooltip
    {
        get => Get<string?>("tooltip");
        set => Set("tooltip", value);
    }

    /// <summary>CSS classes added to the view's element.</summary>
    public IReadOnlyList<string> CssClasses
    {
        get => Get<string[]>("_dom_classes");
        set => Set("_dom_classes", value);
    }
}
