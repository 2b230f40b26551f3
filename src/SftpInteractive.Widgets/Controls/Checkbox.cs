namespace SftpInteractive.Widgets;

/// <summary>A check box (ipywidgets' Checkbox).</summary>
public sealed class Checkbox : ValueWidget<bool>
{
    /// <summary>Creates the check box.</summary>
    /// <param name="value">Checked or not.</param>
    /// <param name="description">The label beside it.</param>
    public Checkbox(bool value = false, string description = "")
        : base("CheckboxModel", "CheckboxView", "CheckboxStyleModel", value)
    {
        Define("disabled", false);
        Define("indent", true);
        Description = description;
    }

    /// <summary>True: the user cannot change it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }
}
