namespace SftpInteractive.Widgets;

/// <summary>Widgets side by side (ipywidgets' HBox).</summary>
/// <param name="children">The widgets inside.</param>
public sealed class HBox(params IEnumerable<Widget> children) : Box("HBoxModel", "HBoxView", children);
