namespace SftpInteractive.Display.Polyglot;

/// <summary>
/// The formatter source .NET Interactive instantiates by convention (public parameterless constructor, public
/// <see cref="CreateTypeFormatters"/>). Every SftpInteractive display type renders through <see cref="IRichDisplay"/>,
/// so Polyglot shows the same tables as our own kernel.
/// </summary>
public sealed class SftpFormatterSource
{
    /// <summary>One HTML and one plain-text formatter for every <see cref="IRichDisplay"/>.</summary>
#pragma warning disable CA1822 // .NET Interactive calls this as an instance method on an instance it creates.
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter("text/html", typeof(IRichDisplay), d => d.ToHtml()),
        new ConventionFormatter("text/plain", typeof(IRichDisplay), d => d.ToText()),
    ];
#pragma warning restore CA1822
}
