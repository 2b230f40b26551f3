namespace SftpInteractive;

/// <summary>OpenSSH's time format (<c>convtime</c>): numbers with optional units s, m, h, d, w, concatenated.</summary>
internal static class SshTime
{
    /// <summary>Seconds, or null when <paramref name="text"/> is not a time.</summary>
    public static int? ToSeconds(string text)
    {
        long total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || !long.TryParse(text.AsSpan(start, i - start), out var n))
            {
                return null;
            }

            var unit = i < text.Length ? char.ToLowerInvariant(text[i++]) : 's';
            long factor = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => -1 };
            if (factor < 0)
            {
                return null;
            }

            total += n * factor;
            if (total > int.MaxValue)
            {
                return null;
            }
        }

        return text.Length == 0 ? null : (int)total;
    }
}
