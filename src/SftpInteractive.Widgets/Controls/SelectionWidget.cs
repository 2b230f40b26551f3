namespace SftpInteractive.Widgets;

/// <summary>A control that picks one of its <see cref="Options"/> (dropdown, list, radio buttons).</summary>
public abstract class SelectionWidget : DescriptionWidget
{
    /// <summary>Creates the control with its options; <paramref name="value"/> (or the first option) is selected.</summary>
    protected SelectionWidget(string modelName, string viewName, IEnumerable<string>? options, string? value, string description)
        : base(modelName, viewName, "DescriptionStyleModel")
    {
        var list = options?.ToArray() ?? [];
        Define("_options_labels", list);
        Define("disabled", false);
        var index = value is null ? (list.Length > 0 ? 0 : -1) : Array.IndexOf(list, value);
        Define("index", index < 0 ? null : index);
        Description = description;
    }

    /// <summary>Raised when the selection changes (<see cref="ValueChangedEventArgs{T}.NewValue"/> is the option, or
    /// null when none is selected).</summary>
    public event EventHandler<ValueChangedEventArgs<string?>>? ValueChanged;

    /// <summary>The options, as shown. Replacing them keeps the selected option when it is still there, else
    /// selects nothing.</summary>
    public IReadOnlyList<string> Options
    {
        get => Get<string[]>("_options_labels") ?? [];
        set
        {
            var current = Value;
            Set("_options_labels", value?.ToArray() ?? []);
            var index = current is null ? -1 : Options.ToList().IndexOf(current);
            Set("index", index < 0 ? null : index);
        }
    }

    /// <summary>The selected position, or null.</summary>
    public int? Index
    {
        get => Get<int?>("index");
        set => Set("index", value);
    }

    /// <summary>The selected option, or null; setting an option that is not in <see cref="Options"/> throws.</summary>
    /// <exception cref="ArgumentException">Not one of the options.</exception>
    public string? Value
    {
        get => Index is int i && i >= 0 && i < Options.Count ? Options[i] : null;
        set
        {
            if (value is null)
            {
                Index = null;
                return;
            }

            var i = Options.ToList().IndexOf(value);
            Index = i >= 0 ? i : throw new ArgumentException($"'{value}' is not one of the options.", nameof(value));
        }
    }

    /// <summary>True: the user cannot change it.</summary>
    public bool Disabled { get => Get<bool>("disabled"); set => Set("disabled", value); }

    /// <summary>Calls <paramref name="handler"/> with each newly selected option.</summary>
    public void OnValue(Action<string?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ValueChanged += (_, e) => handler(e.NewValue);
    }

    /// <inheritdoc />
    protected override string Describe() => $"value={(Value is null ? "null" : "'" + Value + "'")}, {Options.Count} options";

    /// <inheritdoc />
    protected override void OnChanged(WidgetChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        base.OnChanged(change);
        if (change.Name == "index")
        {
            var options = Options;
            string? At(System.Text.Json.Nodes.JsonNode? n) =>
                n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var i) && i >= 0 && i < options.Count ? options[i] : null;
            ValueChanged?.Invoke(this, new ValueChangedEventArgs<string?>(At(change.OldValue), At(change.NewValue), change.FromFrontEnd));
        }
    }
}
