namespace SftpInteractive.Widgets;

/// <summary>Widgets one above the other (ipywidgets' VBox).</summary>
/// <param name="children">The widgets inside.</param>
public sealed class VBox(params IEnumerable<Widget> children) : Box("VBoxModel", "VBoxView", children);
