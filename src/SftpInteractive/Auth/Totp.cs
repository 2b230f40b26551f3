using System.Security.Cryptography;

namespace SftpInteractive;

/// <summary>RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as Google
/// Authenticator and <c>pam_google_authenticator</c> use them.</summary>
public static class Totp
{
    /// <summary>Length of one time step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Computes the code for <paramref name="time"/>, shifted by <paramref name="stepOffset"/> steps.</summary>
    /// <param name="base32Secret">The shared secret in base32 (spaces and case are ignored).</param>
    /// <param name="time">The moment the code is for.</param>
    /// <param name="stepOffset">0 for the current step; 1 for the next (servers accept one step either side by default).</param>
    /// <exception cref="SftpConfigException">The secret is not valid base32.</exception>
    public static string Compute(string base32Secret, DateTimeOffset time, int stepOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(base32Secret);
        var key = Base32.Decode(base32Secret);
        var counter = (time.ToUnixTimeSeconds() / (long)Step.TotalSeconds) + stepOffset;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238 / RFC 4226 mandate HMAC-SHA1 here; it is not used for collision resistance.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The time step number of <paramref name="time"/>.</summary>
    public static long StepOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
}
