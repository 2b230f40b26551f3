namespace SftpInteractive.Display.Polyglot;

/// <summary>
/// Tells .NET Interactive (Polyglot Notebooks) how to format our types without any reference to its packages:
/// it looks for an attribute named exactly <c>TypeFormatterSourceAttribute</c> on the value's type hierarchy, reads
/// <see cref="FormatterSourceType"/>, creates it and calls its <c>CreateTypeFormatters()</c>. Our own kernel and REPL
/// read the same convention, from any assembly, in <c>SftpInteractive.Scripting.ConventionFormatters</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The type whose <c>CreateTypeFormatters()</c> supplies the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types the notebook should prefer, best first.</summary>
    public string[] PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}
