namespace SftpInteractive.Widgets;

/// <summary>A masked text box (ipywidgets' Password). Its value is synced like any other: it is in the notebook's widget state.</summary>
public sealed class Password : TextBox
{
    /// <summary>Creates the box.</summary>
    /// <param name="value">The initial text.</param>
    /// <param name="placeholder">Grey text shown while it is empty.</param>
    /// <param name="description">The label beside it.</param>
    public Password(string value = "", string placeholder = "\u200b", string description = "")
        : base("PasswordModel", "PasswordView", value, placeholder, description)
    {
    }

    /// <summary>The text a terminal shows: never the password.</summary>
    /// <returns>The type and description.</returns>
    public override string ToString() => $"Password(description='{Description}')";
}
