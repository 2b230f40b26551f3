namespace SftpInteractive.Widgets;

/// <summary>A multi-line text box (ipywidgets' Textarea).</summary>
public sealed class Textarea : TextBox
{
    /// <summary>Creates the box.</summary>
    /// <param name="value">The initial text.</param>
    /// <param name="placeholder">Grey text shown while it is empty.</param>
    /// <param name="description">The label beside it.</param>
    public Textarea(string value = "", string placeholder = "\u200b", string description = "")
        : base("TextareaModel", "TextareaView", value, placeholder, description)
    {
        Define("rows", null);
    }

    /// <summary>Visible rows (null: the front end's default).</summary>
    public int? Rows { get => Get<int?>("rows"); set => Set("rows", value); }
}
