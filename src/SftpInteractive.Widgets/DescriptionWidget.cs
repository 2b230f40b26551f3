namespace SftpInteractive.Widgets;

/// <summary>A control with a description label and a <see cref="Style"/>.</summary>
public abstract class DescriptionWidget : DomWidget
{
    /// <summary>Creates a described control whose style is a <paramref name="styleModel"/>.</summary>
    protected DescriptionWidget(string modelName, string viewName, string styleModel, bool allowHtml = true)
        : base(modelName, viewName)
    {
        Define("description", string.Empty);
        if (allowHtml)
        {
            Define("description_allow_html", false);
        }

        Define("style", Style = new Style(styleModel));
    }

    /// <summary>The label beside the control.</summary>
    public string Description
    {
        get => Get<string>("description");
        set => Set("description", value);
    }

    /// <summary>Colours, widths and fonts of the control (attributes depend on the control).</summary>
    public Style Style { get; }

    /// <inheritdoc />
    protected override string Describe()
    {
        var value = base.Describe();
        return string.IsNullOrEmpty(Description) ? value : $"{value}{(value.Length > 0 ? ", " : string.Empty)}description='{Description}'";
    }
}
