namespace SftpInteractive.Bench;

/// <summary>Peak resident set size of this process from /proc/self/status (VmHWM), in KiB.</summary>
internal static class ProcessMemory
{
    public static long PeakRssKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
