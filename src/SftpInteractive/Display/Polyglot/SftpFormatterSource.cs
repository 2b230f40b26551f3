namespace SftpInteractive.Display.Polyglot;

/// <summary>
/// The formatter source .NET Interactive instantiates by convention (public parameterless constructor, public
/// <see cref="CreateTypeFormatters"/>). Every SftpInteractive display type renders through <see cref="IRichDisplay"/>,
/// so Polyglot shows the same tables as our own kernel. Settings objects that hold secrets (<see cref="SftpSettings"/>,
/// <see cref="SftpOptions"/>) are shown through their masked <c>ToString()</c>: the engine's default formatter would list
/// every property, the password included.
/// </summary>
public sealed class SftpFormatterSource
{
    /// <summary>One HTML and one plain-text formatter for our display types, and for each settings type.</summary>
#pragma warning disable CA1822 // .NET Interactive calls this as an instance method on an instance it creates.
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter("text/html", typeof(IRichDisplay), o => (o as IRichDisplay)?.ToHtml()),
        new ConventionFormatter("text/plain", typeof(IRichDisplay), o => (o as IRichDisplay)?.ToText()),
        .. Masked<SftpSettings>(),
        .. Masked<SftpOptions>(),
    ];

    private static IEnumerable<ConventionFormatter> Masked<T>() =>
    [
        new ConventionFormatter("text/html", typeof(T), o => o is T ? "<pre>" + System.Net.WebUtility.HtmlEncode(o.ToString()) + "</pre>" : null),
        new ConventionFormatter("text/plain", typeof(T), o => o is T ? o.ToString() : null),
    ];
#pragma warning restore CA1822
}
