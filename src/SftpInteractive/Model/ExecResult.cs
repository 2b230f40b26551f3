namespace SftpInteractive;

/// <summary>The outcome of a remote command.</summary>
/// <param name="Command">The command line that ran.</param>
/// <param name="StdOut">Everything it wrote to standard output.</param>
/// <param name="StdErr">Everything it wrote to standard error.</param>
/// <param name="ExitCode">Its exit status (null when it was killed by a signal or cancelled).</param>
/// <param name="Duration">Wall time from start to exit.</param>
[Display.Polyglot.TypeFormatterSource(typeof(Display.Polyglot.SftpFormatterSource))]
public sealed record ExecResult(string Command, string StdOut, string StdErr, int? ExitCode, TimeSpan Duration) : IRichDisplay
{
    /// <summary>True when the command exited with status 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard output split into lines.</summary>
    public IReadOnlyList<string> Lines => StdOut.Split('\n', StringSplitOptions.None) is var l && l.Length > 0 && l[^1].Length == 0 ? l[..^1] : StdOut.Split('\n');

    /// <summary>Throws when the command failed, so scripts can stop on errors.</summary>
    /// <exception cref="SftpCommandException">The exit code was not 0.</exception>
    public ExecResult EnsureSuccess() => Succeeded ? this
        : throw new SftpCommandException($"'{Command}' exited with status {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(killed)"}: {StdErr.Trim()}");

    /// <inheritdoc />
    public string ToText()
    {
        var status = $"$ {Command}  (exit {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {Format.Duration(Duration)})";
        var err = StdErr.Length > 0 ? "\n[stderr]\n" + StdErr.TrimEnd() : string.Empty;
        return Redactor.Redact(status + "\n" + StdOut.TrimEnd() + err);
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var color = Succeeded ? "green" : "#b00";
        var html = $"<div class=\"sftpi-exec\"><div><code>$ {System.Net.WebUtility.HtmlEncode(Command)}</code> " +
                   $"<span style=\"color:{color}\">exit {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}</span> · {Format.Duration(Duration)}</div>" +
                   $"<pre>{System.Net.WebUtility.HtmlEncode(StdOut)}</pre>" +
                   (StdErr.Length > 0 ? $"<pre style=\"color:#b00\">{System.Net.WebUtility.HtmlEncode(StdErr)}</pre>" : string.Empty) + "</div>";
        return Redactor.Redact(html);
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}
