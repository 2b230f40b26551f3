using System.Globalization;

namespace SftpInteractive;

/// <summary>Human-readable sizes, rates, durations and times, the same in every host.</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>A byte count such as <c>512 B</c>, <c>1.5 MiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>A count with its noun in the right number: <c>1 entry</c>, <c>0 directories</c>, <c>3 files</c>.</summary>
    /// <param name="count">How many.</param>
    /// <param name="singular">The noun for one.</param>
    /// <param name="plural">The noun for any other count (default: <paramref name="singular"/> + "s").</param>
    public static string Count(long count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    /// <summary>A rate such as <c>85.2 MiB/s</c>.</summary>
    public static string Rate(double bytesPerSecond) => Bytes((long)bytesPerSecond) + "/s";

    /// <summary>A duration such as <c>850 ms</c>, <c>12.3 s</c> or <c>2m05s</c>.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s"),
    };

    /// <summary>A UTC time as <c>2026-11-23 14:05</c>.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
