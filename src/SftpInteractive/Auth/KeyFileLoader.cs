using Renci.SshNet;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>Loads a private key file (OpenSSH, PEM, PuTTY .ppk; with its user certificate when one fits) and turns
/// SSH.NET's many failure types into one message that says what to fix.</summary>
internal static class KeyFileLoader
{
    /// <summary>Loads <paramref name="path"/>, decrypting it with <paramref name="passphrase"/>.</summary>
    /// <exception cref="SftpAuthenticationException">Encrypted without a passphrase, wrong passphrase, or not a key.</exception>
    /// <exception cref="SftpConfigException">The file cannot be read.</exception>
    public static PrivateKeyFile Load(string path, string? passphrase, string? certificate)
    {
        try
        {
            return certificate is not null ? new PrivateKeyFile(path, passphrase, certificate)
                : passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new SftpAuthenticationException(
                $"The private key {LocalPaths.Display(path)} is encrypted. Set {SettingKeys.Passphrase} in your .env (or pass Passphrase).");
        }
        catch (Exception e) when (e is SshException or System.Security.Cryptography.CryptographicException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException or NotSupportedException)
        {
            if (passphrase is not null && KeyFileLooksEncrypted(path))
            {
                throw new SftpAuthenticationException(
                    $"Cannot decrypt the private key {LocalPaths.Display(path)}: the passphrase is wrong. Check {SettingKeys.Passphrase} in your .env.");
            }

            throw new SftpAuthenticationException(
                $"The private key {LocalPaths.Display(path)} is not a valid OpenSSH, PEM or PuTTY (.ppk) key ({Redactor.Redact(e.Message)}). Check {SettingKeys.PrivateKey}.");
        }
        catch (IOException e)
        {
            throw new SftpConfigException($"Cannot read the private key {LocalPaths.Display(path)}: {e.Message}. Check {SettingKeys.PrivateKey}.", e);
        }
    }

    private static bool KeyFileLooksEncrypted(string path)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("ENCRYPTED", StringComparison.Ordinal) || text.Contains("Encryption: aes", StringComparison.Ordinal))
        {
            return true;
        }

        var body = string.Concat(text.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        try
        {
            return System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(body)).Contains("bcrypt", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
