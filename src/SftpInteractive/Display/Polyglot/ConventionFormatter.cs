namespace SftpInteractive.Display.Polyglot;

/// <summary>A formatter with the shape .NET Interactive calls by convention: <see cref="MimeType"/>, <see cref="Type"/>
/// and <see cref="Format(object, TextWriter)"/>.</summary>
public sealed class ConventionFormatter
{
    private readonly Func<object, string?> _render;

    internal ConventionFormatter(string mimeType, Type type, Func<object, string?> render)
    {
        MimeType = mimeType;
        Type = type;
        _render = render;
    }

    /// <summary>The MIME type this formatter writes.</summary>
    public string MimeType { get; }

    /// <summary>The type it formats.</summary>
    public Type Type { get; }

    /// <summary>Writes <paramref name="instance"/>; false when it is not one of ours (the notebook then falls back).</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_render(instance) is not { } text)
        {
            return false;
        }

        writer.Write(Redactor.Redact(text));
        return true;
    }
}
