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
    /// <summary>One HTML and one plain-text formatter for every type carrying the attribute.</summary>
#pragma warning disable CA1822 // .NET Interactive calls this as an instance method on an instance it creates.
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter("text/html", typeof(object), o => o is IRichDisplay d ? d.ToHtml() : "<pre>" + System.Net.WebUtility.HtmlEncode(o.ToString()) + "</pre>"),
        new ConventionFormatter("text/plain", typeof(object), o => o is IRichDisplay d ? d.ToText() : o.ToString()),
    ];
#pragma warning restore CA1822
}
