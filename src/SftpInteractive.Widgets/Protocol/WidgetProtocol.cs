namespace SftpInteractive.Widgets.Protocol;

/// <summary>The names and versions of the Jupyter widgets protocol this library speaks (ipywidgets 8).</summary>
internal static class WidgetProtocol
{
    /// <summary>The widget message protocol (comm_open metadata <c>version</c>).</summary>
    public const string Version = "2.1.0";

    /// <summary>The comm target of every widget.</summary>
    public const string Target = "jupyter.widget";

    /// <summary>The comm target a front end opens to fetch every widget's state at once.</summary>
    public const string ControlTarget = "jupyter.widget.control";

    /// <summary>The display MIME type of a widget view.</summary>
    public const string ViewMimeType = "application/vnd.jupyter.widget-view+json";

    /// <summary>@jupyter-widgets/base's module and version.</summary>
    public const string BaseModule = "@jupyter-widgets/base";

    /// <summary>@jupyter-widgets/controls's module and version.</summary>
    public const string ControlsModule = "@jupyter-widgets/controls";

    /// <summary>@jupyter-widgets/output's module.</summary>
    public const string OutputModule = "@jupyter-widgets/output";

    /// <summary>The version of base and controls.</summary>
    public const string ModuleVersion = "2.0.0";

    /// <summary>The version of the output module.</summary>
    public const string OutputModuleVersion = "1.0.0";

    /// <summary>How a state refers to another widget: <c>IPY_MODEL_</c> and its model id.</summary>
    public const string ReferencePrefix = "IPY_MODEL_";
}
