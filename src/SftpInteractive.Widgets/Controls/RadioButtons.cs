namespace SftpInteractive.Widgets;

/// <summary>Radio buttons (ipywidgets' RadioButtons).</summary>
public sealed class RadioButtons : SelectionWidget
{
    /// <summary>Creates the buttons.</summary>
    /// <param name="options">The options.</param>
    /// <param name="value">The selected option (default: the first).</param>
    /// <param name="description">The label beside them.</param>
    public RadioButtons(IEnumerable<string>? options = null, string? value = null, string description = "")
        : base("RadioButtonsModel", "RadioButtonsView", options, value, description) => Define("orientation", "vertical");
}
