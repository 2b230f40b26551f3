using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Widgets;

/// <summary>A one-line text box (ipywidgets' Text).</summary>
public sealed class Text : TextBox
{
    /// <summary>Creates the box.</summary>
    /// <param name="value">The initial text.</param>
    /// <param name="placeholder">Grey text shown while it is empty.</param>
    /// <param name="description">The label beside it.</param>
    public Text(string value = "", string placeholder = "\u200b", string description = "")
        : base("TextModel", "TextView", value, placeholder, description)
    {
    }

    /// <summary>Raised when the user presses Enter in the box (the front end's <c>submit</c> event).</summary>
    public event EventHandler? Submitted;

    /// <summary>Adds an Enter handler (as ipywidgets' <c>on_submit</c>).</summary>
    public void OnSubmit(Action<Text> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Submitted += (_, _) => handler(this);
    }

    /// <inheritdoc />
    protected override void OnCustomMessage(CommMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        base.OnCustomMessage(message);
        if (message.Data["event"]?.GetValue<string>() == "submit")
        {
            Submitted?.Invoke(this, EventArgs.Empty);
        }
    }
}
