using SftpInteractive.Widgets.Comms;

namespace SftpInteractive.Widgets;

/// <summary>A push button (ipywidgets' Button); <see cref="Click"/> runs in the session when the user clicks it.</summary>
public sealed class Button : DescriptionWidget
{
    /// <summary>Creates the button.</summary>
    /// <param name="description">Its caption.</param>
    /// <param name="icon">Font Awesome icon name without <c>fa-</c>.</param>
    public Button(string description = "", string icon = "")
        : base("ButtonModel", "ButtonView", "ButtonStyleModel", allowHtml: false)
    {
        Define("button_style", string.Empty);
        Define("disabled", false);
        Define("icon", icon);
        Description = description;
    }

    /// <summary>Raised when the user clicks the button (or <see cref="PerformClick"/> is called).</summary>
    public event EventHandler? Click;

    /// <summary>Font Awesome icon name without <c>fa-</c>.</summary>
    public string Icon { get => Get<string>("icon"); set => Set("icon", value); }

    /// <summary><c>primary</c>, <c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c> or empty.</summary>
    public string ButtonStyle { get => Get<string>("button_style"); set => Set("button_style", value); }

    /// <summary>True: the user cannot click it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>Adds a click handler (as ipywidgets' <c>on_click</c>).</summary>
    public void OnClick(Action<Button> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Click += (_, _) => handler(this);
    }

    /// <summary>Raises <see cref="Click"/> as a user's click would.</summary>
    public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);

    /// <inheritdoc />
    protected override string Describe() => $"description='{Description}'";

    /// <inheritdoc />
    protected override void OnCustomMessage(CommMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        base.OnCustomMessage(message);
        if (message.Data["event"]?.GetValue<string>() == "click")
        {
            PerformClick();
        }
    }
}
