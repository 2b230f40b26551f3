using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Widgets;

/// <summary>A list box where several options can be selected (ipywidgets' SelectMultiple).</summary>
public sealed class SelectMultiple : DescriptionWidget
{
    /// <summary>Creates the list.</summary>
    /// <param name="options">The options.</param>
    /// <param name="value">The options selected at first.</param>
    /// <param name="rows">How many rows it shows.</param>
    /// <param name="description">The label beside it.</param>
    public SelectMultiple(IEnumerable<string>? options = null, IEnumerable<string>? value = null, int rows = 5, string description = "")
        : base("SelectMultipleModel", "SelectMultipleView", "DescriptionStyleModel")
    {
        var list = options?.ToArray() ?? [];
        Define("_options_labels", list);
        Define("disabled", false);
        Define("index", (value ?? []).Select(v => Array.IndexOf(list, v)).Where(i => i >= 0).ToArray());
        Define("rows", rows);
        Description = description;
    }

    /// <summary>Raised when the selection changes.</summary>
    public event EventHandler<ValueChangedEventArgs<IReadOnlyList<string>>>? ValueChanged;

    /// <summary>The options, as shown.</summary>
    public IReadOnlyList<string> Options => Get<string[]>("_options_labels") ?? [];

    /// <summary>The selected positions.</summary>
    public IReadOnlyList<int> Index { get => Get<int[]>("index") ?? []; set => Set("index", value?.ToArray() ?? []); }

    /// <summary>The selected options.</summary>
    public IReadOnlyList<string> Value
    {
        get => [.. Index.Where(i => i >= 0 && i < Options.Count).Select(i => Options[i])];
        set => Index = [.. (value ?? []).Select(v => Options.ToList().IndexOf(v)).Where(i => i >= 0)];
    }

    /// <inheritdoc />
    protected override string Describe() => $"{Index.Count} of {Options.Count} selected";

    /// <inheritdoc />
    protected override void OnChanged(WidgetChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        base.OnChanged(change);
        if (change.Name == "index")
        {
            var options = Options;
            IReadOnlyList<string> At(JsonNode? n) =>
                [.. (n?.Deserialize<int[]>() ?? []).Where(i => i >= 0 && i < options.Count).Select(i => options[i])];
            ValueChanged?.Invoke(this, new ValueChangedEventArgs<IReadOnlyList<string>>(At(change.OldValue), At(change.NewValue), change.FromFrontEnd));
        }
    }
}
