namespace SftpInteractive.Widgets;

/// <summary>A container of other widgets (ipywidgets' Box and its kinds).</summary>
public class Box : DomWidget
{
    /// <summary>Creates a plain box (flex, children side by side).</summary>
    /// <param name="children">The widgets inside.</param>
    public Box(params IEnumerable<Widget> children)
        : this("BoxModel", "BoxView", children)
    {
    }

    /// <summary>Creates a box of the given model.</summary>
    protected Box(string modelName, string viewName, IEnumerable<Widget> children)
        : base(modelName, viewName)
    {
        Define("box_style", string.Empty);
        Define("children", children ?? []);
    }

    /// <summary>The widgets inside; replacing the list updates every view.</summary>
    public IReadOnlyList<Widget> Children
    {
        get => Get<IReadOnlyList<Widget>>("children");
        set => Set("children", value ?? []);
    }

    /// <summary><c>success</c>, <c>info</c>, <c>warning</c>, <c>danger</c> or empty.</summary>
    public string BoxStyle { get => Get<string>("box_style"); set => Set("box_style", value); }

    /// <inheritdoc />
    protected override string Describe() => string.Join(", ", Children);
}
