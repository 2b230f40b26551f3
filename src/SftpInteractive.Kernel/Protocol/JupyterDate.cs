using System.Globalization;

namespace SftpInteractive.Kernel.Protocol;

/// <summary>Header dates: ISO 8601 in UTC with microseconds and a Z, the form jupyter_client parses and writes.</summary>
internal static class JupyterDate
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
