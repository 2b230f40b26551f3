namespace SftpInteractive.Widgets;

/// <summary>A drop-down list (ipywidgets' Dropdown).</summary>
/// <param name="options">The options.</param>
/// <param name="value">The selected option (default: the first).</param>
/// <param name="description">The label beside it.</param>
public sealed class Dropdown(IEnumerable<string>? options = null, string? value = null, string description = "")
    : SelectionWidget("DropdownModel", "DropdownView", options, value, description);
