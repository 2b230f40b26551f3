namespace SftpInteractive.Widgets;

/// <summary>A container that shows one child at a time under a title (tabs, accordion).</summary>
public abstract class TitledBox : Box
{
    /// <summary>Creates the container.</summary>
    protected TitledBox(string modelName, string viewName, IEnumerable<Widget> children)
        : base(modelName, viewName, children)
    {
        Define("selected_index", null);
        Define("titles", Children.Select(_ => string.Empty).ToArray());
    }

    /// <summary>Raised when the user opens another child.</summary>
    public event EventHandler<ValueChangedEventArgs<int?>>? SelectedIndexChanged;

    /// <summary>The open child, or null.</summary>
    public int? SelectedIndex { get => Get<int?>("selected_index"); set => Set("selected_index", value); }

    /// <summary>The titles, one per child.</summary>
    public IReadOnlyList<string> Titles { get => Get<string[]>("titles") ?? []; set => Set("titles", value?.ToArray() ?? []); }

    /// <summary>Sets the title of child <paramref name="index"/>.</summary>
    public void SetTitle(int index, string title)
    {
        var titles = Titles.ToList();
        while (titles.Count <= index)
        {
            titles.Add(string.Empty);
        }

        titles[index] = title;
        Titles = titles;
    }

    /// <inheritdoc />
    protected override void OnChanged(WidgetChangedEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        base.OnChanged(change);
        if (change.Name == "selected_index")
        {
            SelectedIndexChanged?.Invoke(this, new ValueChangedEventArgs<int?>(
                change.OldValue?.GetValue<int>(), change.NewValue?.GetValue<int>(), change.FromFrontEnd));
        }
    }
}
