namespace SftpInteractive.Widgets;

/// <summary>A box the user types text in: what <see cref="Text"/>, <see cref="Textarea"/> and <see cref="Password"/>
/// share.</summary>
public abstract class TextBox : ValueWidget<string>
{
    /// <summary>Creates the box.</summary>
    /// <param name="modelName">The front end's model class.</param>
    /// <param name="viewName">The view class.</param>
    /// <param name="value">The initial text.</param>
    /// <param name="placeholder">Grey text shown while it is empty.</param>
    /// <param name="description">The label beside it.</param>
    protected TextBox(string modelName, string viewName, string value, string placeholder, string description)
        : base(modelName, viewName, "TextStyleModel", value)
    {
        Define("continuous_update", true);
        Define("disabled", false);
        Define("placeholder", placeholder);
        Description = description;
    }

    /// <summary>Grey text shown while it is empty.</summary>
    public string Placeholder { get => Get<string>("placeholder"); set => Set("placeholder", value); }

    /// <summary>False: the value changes only when the box loses focus or Enter is pressed.</summary>
    public bool ContinuousUpdate { get => Get<bool>("continuous_update"); set => Set("continuous_update", value); }

    /// <summary>True: the user cannot type in it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }
}
