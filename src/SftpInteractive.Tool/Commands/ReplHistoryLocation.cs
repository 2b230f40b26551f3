namespace SftpInteractive.Tool.Commands;

/// <summary>Where the REPL keeps its history: <c>$SFTPI_HISTORY</c>, else <c>$XDG_DATA_HOME/sftpi/history</c>, else
/// <c>~/.local/share/sftpi/history</c>.</summary>
internal static class ReplHistoryLocation
{
    public static string Path()
    {
        if (Environment.GetEnvironmentVariable("SFTPI_HISTORY") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
        {
            data = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(data, "sftpi", "history");
    }
}
