namespace SftpInteractive.Widgets;

/// <summary>Children as folding sections (ipywidgets' Accordion); all closed at first.</summary>
/// <param name="children">One widget per section.</param>
public sealed class Accordion(params IEnumerable<Widget> children) : TitledBox("AccordionModel", "AccordionView", children);
