namespace SftpInteractive.Widgets;

/// <summary>Widgets in a CSS grid (ipywidgets' GridBox): set <c>Layout.GridTemplateColumns</c>.</summary>
/// <param name="children">The widgets inside.</param>
public sealed class GridBox(params IEnumerable<Widget> children) : Box("GridBoxModel", "GridBoxView", children);
