using System.Collections.Concurrent;

namespace SftpInteractive;

/// <summary>
/// Remembers every secret value SftpInteractive has loaded (passwords, passphrases, TOTP secrets) and scrubs them
/// from any text. Hosts pass all output through <see cref="Redact"/> so a secret never reaches a terminal,
/// a notebook or a log, even when user code prints it by accident.
/// </summary>
public static class Redactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "********";

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Registers a secret value so that <see cref="Redact"/> hides it from now on.</summary>
    /// <param name="secret">The value; null, empty and very short values (under 4 characters) are ignored because
    /// masking them would mangle ordinary text.</param>
    public static void Register(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    /// <summary>Returns <paramref name="text"/> with every registered secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || Secrets.IsEmpty)
        {
            return text ?? string.Empty;
        }

        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in Secrets.Keys.OrderByDescending(s => s.Length))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The length of the longest ending of <paramref name="text"/> that is the start (not the whole) of a
    /// registered secret: text written in pieces must hold that much back until the next piece shows whether the
    /// secret completes.</summary>
    internal static int SecretStartLength(string text)
    {
        if (Secrets.IsEmpty || text.Length == 0)
        {
            return 0;
        }

        var longest = 0;
        foreach (var secret in Secrets.Keys)
        {
            for (var n = Math.Min(secret.Length - 1, text.Length); n > longest; n--)
            {
                if (text.AsSpan(text.Length - n).SequenceEqual(secret.AsSpan(0, n)))
                {
                    longest = n;
                    break;
                }
            }
        }

        return longest;
    }

    /// <summary>True when <paramref name="text"/> contains any registered secret.</summary>
    public static bool ContainsSecret(string? text) =>
        !string.IsNullOrEmpty(text) && Secrets.Keys.Any(s => text.Contains(s, StringComparison.Ordinal));
}
