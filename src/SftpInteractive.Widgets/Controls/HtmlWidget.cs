namespace SftpInteractive.Widgets;

/// <summary>A piece of HTML (ipywidgets' HTML; named so because <c>Html(...)</c> is the display helper). The front end sanitises it.</summary>
public sealed class HtmlWidget : ValueWidget<string>
{
    /// <summary>Creates the HTML view.</summary>
    /// <param name="value">The HTML.</param>
    public HtmlWidget(string value = "")
        : base("HTMLModel", "HTMLView", "HTMLStyleModel", value) => Define("placeholder", "\u200b");

    /// <inheritdoc />
    protected override string Describe() => $"{Value.Length} characters of HTML";
}
