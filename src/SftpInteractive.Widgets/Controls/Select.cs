namespace SftpInteractive.Widgets;

/// <summary>A list box showing several options at once (ipywidgets' Select).</summary>
#pragma warning disable CA1716 // ipywidgets' name; C# cells are its users.
public sealed class Select : SelectionWidget
#pragma warning restore CA1716
{
    /// <summary>Creates the list.</summary>
    /// <param name="options">The options.</param>
    /// <param name="value">The selected option (default: the first).</param>
    /// <param name="rows">How many rows it shows.</param>
    /// <param name="description">The label beside it.</param>
    public Select(IEnumerable<string>? options = null, string? value = null, int rows = 5, string description = "")
        : base("SelectModel", "SelectView", options, value, description) => Define("rows", rows);

    /// <summary>How many rows it shows.</summary>
    public int Rows { get => Get<int>("rows"); set => Set("rows", value); }
}
