using System.Security.Cryptography;
using System.Text;

namespace SftpInteractive;

/// <summary>
/// ssh_config's <c>%</c> tokens, <c>${NAME}</c> environment variables and leading <c>~</c>, expanded as OpenSSH
/// expands them in <c>IdentityFile</c>, <c>CertificateFile</c>, <c>IdentityAgent</c> and <c>UserKnownHostsFile</c>.
/// </summary>
internal sealed class SshTokens(SshConfigQuery query, string hostName, string user, int port)
{
    /// <summary>Expands a path: <c>~</c>, <c>${NAME}</c>, then every token of the path keywords.</summary>
    /// <exception cref="SftpConfigException">An unknown <c>%</c> token or an undefined variable.</exception>
    public string ExpandPath(string text, SshConfigLine? origin) => Expand(ExpandEnvironment(ExpandHome(text, query.HomeDirectory), origin), origin);

    /// <summary>Expands the path tokens <c>%% %C %d %h %i %k %L %l %n %p %r %u</c>.</summary>
    public string Expand(string text, SshConfigLine? origin) => Expand(text, c => c switch
    {
#pragma warning disable CA5350 // %C is defined by OpenSSH as a SHA-1 hash; it names a path, it protects nothing.
        '%' => "%",
        'C' => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(query.LocalHostName + hostName + port + user))),
#pragma warning restore CA5350
        'd' => query.HomeDirectory,
        'h' => hostName,
        'i' => UserId(),
        'k' or 'n' => query.Host,
        'L' => query.LocalHostName.Split('.')[0],
        'l' => query.LocalHostName,
        'p' => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        'r' => user,
        'u' => query.LocalUser,
        _ => null,
    }, origin);

    /// <summary>Expands tokens given by <paramref name="lookup"/> (null: unknown token, an error as in ssh).</summary>
    public static string Expand(string text, Func<char, string?> lookup, SshConfigLine? origin)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                continue;
            }

            var value = i + 1 < text.Length ? lookup(text[i + 1]) : null;
            if (value is null)
            {
                var token = i + 1 < text.Length ? "%" + text[i + 1] : "%";
                throw origin?.Error($"unknown token {token} in '{text}'.") ?? new SftpConfigException($"Unknown token {token} in '{text}'.");
            }

            result.Append(value);
            i++;
        }

        return result.ToString();
    }

    /// <summary>Expands a leading <c>~</c> or <c>~/</c> to <paramref name="home"/>.</summary>
    public static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    private string ExpandEnvironment(string text, SshConfigLine? origin)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            var name = text[(start + 2)..end];
            var value = (query.Environment is { } env ? env.GetValueOrDefault(name) : System.Environment.GetEnvironmentVariable(name))
                ?? throw origin?.Error($"environment variable ${{{name}}} is not defined.") ?? new SftpConfigException($"${{{name}}} is not defined.");
            text = text[..start] + value + text[(end + 1)..];
            start = text.IndexOf("${", start + value.Length, StringComparison.Ordinal);
        }

        return text;
    }

    // The real uid, from /proc (Linux); elsewhere there is no uid to give.
    private static string UserId() =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1] ?? "0"
            : "0";
}
