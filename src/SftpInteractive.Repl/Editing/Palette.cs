namespace SftpInteractive.Repl;

/// <summary>
/// The editor's colours as SGR parameters per kind of text. The default uses only the terminal's own 16 colours
/// (no fixed light or dark RGB) chosen to read on dark and light backgrounds: blue keywords, cyan types, green
/// strings, magenta numbers, grey comments, bold methods and bold blue-green verbs. <c>NO_COLOR</c> (any value)
/// turns every colour off; <c>SFTPI_COLORS</c> changes it: <c>none</c>, or <c>kind=SGR</c> pairs separated by
/// <c>;</c>-free commas, e.g. <c>SFTPI_COLORS="keyword=95,string=33,comment=2"</c>.
/// </summary>
internal sealed class Palette
{
    /// <summary>The kinds a palette names (those of <see cref="Scripting.ClassifiedRange.Kind"/> plus the editor's own).</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["keyword", "type", "string", "number", "comment", "method", "verb", "member", "variable", "bracket", "menu", "menu-selected", "doc", "parameter", "search"];

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["keyword"] = "34",
        ["type"] = "36",
        ["string"] = "32",
        ["number"] = "35",
        ["comment"] = "90",
        ["method"] = "1",
        ["verb"] = "1;36",
        ["bracket"] = "1;4",
        ["menu"] = "0",
        ["menu-selected"] = "7",
        ["doc"] = "90",
        ["parameter"] = "1;4",
        ["search"] = "1",
    };

    private readonly Dictionary<string, string> _sgr;

    private Palette(Dictionary<string, string> sgr) => _sgr = sgr;

    /// <summary>False when colours are off: the menu still marks its selection (reverse video is not a colour).</summary>
    public bool HasColors => _sgr.ContainsKey("keyword");

    /// <summary>The palette the environment asks for.</summary>
    public static Palette FromEnvironment() =>
        From(Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("SFTPI_COLORS"));

    public static Palette From(string? noColor, string? setting)
    {
        if (!string.IsNullOrEmpty(noColor) || string.Equals(setting?.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return new Palette(new Dictionary<string, string>(StringComparer.Ordinal) { ["menu-selected"] = "7", ["parameter"] = "4", ["bracket"] = "4" });
        }

        var sgr = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var pair in (setting ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[1].All(c => char.IsAsciiDigit(c) || c == ';'))
            {
                sgr[parts[0]] = parts[1];
            }
        }

        return new Palette(sgr);
    }

    /// <summary>The escape sequence that starts <paramref name="kind"/>, or empty when it has no colour.</summary>
    public string Start(string? kind) => kind is not null && _sgr.TryGetValue(kind, out var sgr) && sgr.Length > 0 ? $"\x1b[{sgr}m" : string.Empty;

    /// <summary>Resets attributes.</summary>
    public static string Reset => "\x1b[0m";

    /// <summary><paramref name="text"/> in <paramref name="kind"/>'s colour.</summary>
    public string Paint(string text, string kind) => Start(kind) is { Length: > 0 } start ? start + text + Reset : text;
}
