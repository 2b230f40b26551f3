using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SftpInteractive.Testing;

/// <summary>
/// The secrets of a whole-session test and the texts it collected. The working folder gets every account's .env
/// (the password account's as .env) plus .env files whose wrong values are distinctive markers, so a leak of a value
/// the server never accepted shows up too. Leaks are reported by secret name and source, never by value.
/// </summary>
public sealed class SecretEvidence
{
    /// <summary>Wrong password of wrong-password.env: distinctive, so any echo of it is unmistakable.</summary>
    public const string WrongPassword = "Wr0ng-S3cret-Marker-7781";

    /// <summary>Wrong passphrase of wrong-passphrase.env.</summary>
    public const string WrongPassphrase = "Wr0ng-Passphrase-Marker-4417";

    /// <summary>Wrong TOTP secret of wrong-totp.env (valid base32, so the helper computes codes from it).</summary>
    public const string WrongTotpSecret = "MARKERWRONGTOTPSECRETQQQ";

    /// <summary>The .env files every session script uses to fail in each way: wrong password, passphrase and TOTP
    /// secret, connection refused, unknown host key under strict, missing key file, missing password.</summary>
    public static readonly string[] FailingEnvFiles =
        ["wrong-password.env", "wrong-passphrase.env", "wrong-totp.env", "refused.env", "unknown-host.env", "missing-key.env", "no-password.env"];

    private readonly List<(string Name, string Value)> _secrets = [];
    private readonly List<(string Source, string Text)> _texts = [];
    private readonly string _totpSecret;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    private SecretEvidence(TestServer server, string workDir)
    {
        _totpSecret = server.EnvValue("totp", "SFTP_TOTP_SECRET");
        Add("password account's password", server.EnvValue("password", "SFTP_PASSWORD"));
        Add("keypass account's password", server.EnvValue("keypass", "SFTP_PASSWORD"));
        Add("totp account's password", server.EnvValue("totp", "SFTP_PASSWORD"));
        Add("totp account's TOTP secret", _totpSecret);
        Add("key's passphrase", server.EnvValue("key-passphrase", "SFTP_PASSPHRASE"));
        Add("wrong password marker", WrongPassword);
        Add("wrong passphrase marker", WrongPassphrase);
        Add("wrong TOTP secret marker", WrongTotpSecret);

        foreach (var env in Directory.GetFiles(Path.Combine(server.StateDir, "env"), "*.env"))
        {
            File.Copy(env, Path.Combine(workDir, Path.GetFileName(env)));
        }

        File.Copy(server.EnvFile("password"), Path.Combine(workDir, ".env"));
        var emptyKnownHosts = Path.Combine(workDir, "empty_known_hosts");
        File.WriteAllText(emptyKnownHosts, "");
        Derive(workDir, "wrong-password.env", "password", ("SFTP_PASSWORD", WrongPassword));
        Derive(workDir, "wrong-passphrase.env", "key-passphrase", ("SFTP_PASSPHRASE", WrongPassphrase));
        Derive(workDir, "wrong-totp.env", "totp", ("SFTP_TOTP_SECRET", WrongTotpSecret));
        Derive(workDir, "refused.env", "password", ("SFTP_PORT", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Derive(workDir, "unknown-host.env", "password", ("SFTP_KNOWN_HOSTS", emptyKnownHosts));
        Derive(workDir, "missing-key.env", "key-passphrase", ("SFTP_PRIVATE_KEY", Path.Combine(workDir, "no-such-key")));
        Derive(workDir, "no-password.env", "password", ("SFTP_PASSWORD", null));

        // Password and TOTP secret left out: the kernel asks for both with input_request.
        Derive(workDir, "totp-prompt.env", "totp", ("SFTP_PASSWORD", null), ("SFTP_TOTP_SECRET", null));
    }

    /// <summary>Writes the .env files into <paramref name="workDir"/> and starts collecting.</summary>
    public static SecretEvidence Prepare(TestServer server, string workDir) => new(server, workDir);

    /// <summary>Adds one collected text.</summary>
    public void Collect(string source, string text) => _texts.Add((source, text));

    /// <summary>Adds every string value inside a JSON document (so JSON escaping cannot hide a secret).</summary>
    public void CollectJson(string source, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Collect(source, key);
                    CollectJson(source, value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectJson(source, item);
                }

                break;
            case JsonValue value:
                Collect(source, value.ToString());
                break;
        }
    }

    /// <summary>All collected text from sources whose name starts with <paramref name="prefix"/>.</summary>
    public string Text(string prefix) => string.Join("\n", _texts.Where(t => t.Source.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t.Text));

    /// <summary>"secret name (encoding) in source" for every secret found, plus TOTP codes of the session's time
    /// (standing alone as a number) in the texts whose source is not excluded.</summary>
    public IReadOnlyList<string> Leaks(Func<string, bool>? checkTotpCodesIn = null)
    {
        var leaks = new List<string>();
        foreach (var (source, text) in _texts)
        {
            foreach (var (name, value) in _secrets)
            {
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    leaks.Add($"{name} in {source}");
                }
            }

            if (checkTotpCodesIn?.Invoke(source) ?? true)
            {
                foreach (var code in TotpCodes())
                {
                    if (Regex.IsMatch(text, $@"(?<![\d.]){code}(?!\d)"))
                    {
                        leaks.Add($"a current TOTP code in {source}");
                    }
                }
            }
        }

        return leaks.Distinct().ToList();
    }

    // Every code valid from the test's start to now, one step either side (the server accepts that window).
    private IEnumerable<string> TotpCodes()
    {
        var first = Totp.StepOf(_started) - 1;
        var last = Totp.StepOf(DateTimeOffset.UtcNow) + 1;
        for (var step = first; step <= last; step++)
        {
            yield return Totp.Compute(_totpSecret, DateTimeOffset.FromUnixTimeSeconds(step * (long)Totp.Step.TotalSeconds));
        }
    }

    // The value and the encodings a careless log line would use: base64 (with and without padding) and hex.
    private void Add(string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var base64 = Convert.ToBase64String(bytes);
        _secrets.Add((name, value));
        _secrets.Add((name + " (base64)", base64));
        _secrets.Add((name + " (base64 unpadded)", base64.TrimEnd('=')));
        _secrets.Add((name + " (hex)", Convert.ToHexStringLower(bytes)));
    }

    private static void Derive(string workDir, string file, string account, params (string Key, string? Value)[] changes)
    {
        var lines = File.ReadAllLines(Path.Combine(workDir, account + ".env")).Where(l => !changes.Any(c => l.StartsWith(c.Key + "=", StringComparison.Ordinal)));
        File.WriteAllLines(Path.Combine(workDir, file), lines.Concat(changes.Where(c => c.Value is not null).Select(c => $"{c.Key}={c.Value}")));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
