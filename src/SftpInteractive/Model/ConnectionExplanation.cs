namespace SftpInteractive;

/// <summary>How a session is connected, as rows of (setting, value, source). Secrets are masked.</summary>
/// <param name="Target">user@host:port.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Extensions">The server's SFTP extension names.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record ConnectionExplanation(string Target, IReadOnlyList<(string Setting, string Value, string Source)> Rows, IReadOnlyList<string> Extensions)
    : IRichDisplay, ITabular
{
    /// <summary>The value of one row by its setting name, or null.</summary>
    public string? this[string setting] => Rows.FirstOrDefault(r => r.Setting == setting).Value;

    /// <inheritdoc />
    public DisplayTable ToTable()
    {
        var table = new DisplayTable($"Connection {Target}", "Setting", "Value", "Source");
        foreach (var (setting, value, source) in Rows)
        {
            table.AddRow(setting, Redactor.Redact(value), source);
        }

        return table;
    }

    /// <inheritdoc />
    public string ToText() => ToTable().ToText();

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    /// <inheritdoc />
    public override string ToString() => ToText();
}
