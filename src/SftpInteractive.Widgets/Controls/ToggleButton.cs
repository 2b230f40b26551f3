namespace SftpInteractive.Widgets;

/// <summary>A button that stays pressed or not (ipywidgets' ToggleButton).</summary>
public sealed class ToggleButton : ValueWidget<bool>
{
    /// <summary>Creates the button.</summary>
    /// <param name="value">Pressed or not.</param>
    /// <param name="description">Its caption.</param>
    public ToggleButton(bool value = false, string description = "")
        : base("ToggleButtonModel", "ToggleButtonView", "ToggleButtonStyleModel", value)
    {
        Define("button_style", string.Empty);
        Define("disabled", false);
        Define("icon", string.Empty);
        Description = description;
    }

    /// <summary>Font Awesome icon name without <c>fa-</c>.</summary>
    public string Icon { get => Get<string>("icon"); set => Set("icon", value); }

    /// <summary><c>primary</c>, <c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c> or empty.</summary>
    public string ButtonStyle { get => Get<string>("button_style"); set => Set("button_style", value); }

    /// <summary>True: the user cannot press it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }
}
