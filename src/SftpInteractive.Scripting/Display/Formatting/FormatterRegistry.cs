namespace SftpInteractive.Scripting;

/// <summary>
/// Formatters the user (or a library) registers for a type: <c>Formatters.Register&lt;Point&gt;(html: p =&gt; $"&lt;b&gt;{p.X}&lt;/b&gt;")</c>.
/// They win over convention formatters and the built-in rendering. For a value, the registration for the most derived
/// matching type applies; between equally close ones, the most recent.
/// </summary>
public sealed class FormatterRegistry
{
    private readonly Lock _lock = new();
    private readonly List<Registration> _registrations = [];

    /// <summary>Number of registrations.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _registrations.Count;
            }
        }
    }

    /// <summary>Shows values of type <typeparamref name="T"/> (and types derived from it) with <paramref name="html"/>
    /// in notebooks and <paramref name="text"/> in terminals; either may be null to keep the built-in form.</summary>
    /// <exception cref="ArgumentException">Both functions are null.</exception>
    public void Register<T>(Func<T, string>? html = null, Func<T, string>? text = null)
    {
        if (html is null && text is null)
        {
            throw new ArgumentException("give an html and/or a text function, e.g. Formatters.Register<Point>(html: p => $\"<b>{p.X}</b>\")");
        }

        var parts = new Dictionary<string, Func<object, string>>(StringComparer.Ordinal);
        if (html is not null)
        {
            parts[MimeTypes.Html] = value => html((T)value);
        }

        if (text is not null)
        {
            parts[MimeTypes.PlainText] = value => text((T)value);
        }

        Add(typeof(T), parts);
    }

    /// <summary>Shows values of type <typeparamref name="T"/> as <paramref name="mimeType"/> (for example
    /// <c>text/markdown</c> or <c>image/svg+xml</c>) written by <paramref name="format"/>.</summary>
    public void Register<T>(string mimeType, Func<T, string> format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(format);
        Add(typeof(T), new Dictionary<string, Func<object, string>>(StringComparer.Ordinal) { [mimeType] = value => format((T)value) });
    }

    /// <summary>Removes every registration (built-in and convention formatting apply again).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _registrations.Clear();
        }
    }

    /// <summary>The formatters for <paramref name="type"/>: MIME type → function, or null when none is registered.</summary>
    internal IReadOnlyDictionary<string, Func<object, string>>? Find(Type type)
    {
        lock (_lock)
        {
            Registration? best = null;
            for (var i = _registrations.Count - 1; i >= 0; i--)
            {
                var candidate = _registrations[i];
                if (candidate.Type.IsAssignableFrom(type) &&
                    (best is null || (best.Type != candidate.Type && best.Type.IsAssignableFrom(candidate.Type))))
                {
                    best = candidate;
                }
            }

            return best?.Parts;
        }
    }

    private void Add(Type type, Dictionary<string, Func<object, string>> parts)
    {
        lock (_lock)
        {
            _registrations.Add(new Registration(type, parts));
        }
    }

    private sealed record Registration(Type Type, IReadOnlyDictionary<string, Func<object, string>> Parts);
}
