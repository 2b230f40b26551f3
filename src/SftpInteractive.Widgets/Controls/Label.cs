namespace SftpInteractive.Widgets;

/// <summary>A line of plain text (ipywidgets' Label).</summary>
public sealed class Label : ValueWidget<string>
{
    /// <summary>Creates the label.</summary>
    /// <param name="value">Its text.</param>
    public Label(string value = "")
        : base("LabelModel", "LabelView", "LabelStyleModel", value) => Define("placeholder", "\u200b");
}
