namespace SftpInteractive.Widgets;

/// <summary>Children as tabs (ipywidgets' Tab); the first tab is open.</summary>
public sealed class Tab : TitledBox
{
    /// <summary>Creates the tabs.</summary>
    /// <param name="children">One widget per tab.</param>
    public Tab(params IEnumerable<Widget> children)
        : base("TabModel", "TabView", children)
    {
        if (Children.Count > 0)
        {
            Define("selected_index", 0);
        }
    }
}
