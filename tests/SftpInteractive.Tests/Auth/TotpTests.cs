using System.Text;

namespace SftpInteractive.Tests.Auth;

public sealed class TotpTests
{
    // RFC 6238 appendix B test vectors (SHA1, secret "12345678901234567890"), truncated to 6 digits.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Compute_Rfc6238Vectors_Match(long unixSeconds, string expected)
    {
        var secret = ToBase32(Encoding.ASCII.GetBytes("12345678901234567890"));

        Assert.Equal(expected, Totp.Compute(secret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void Compute_StepOffset_IsTheNextWindowsCode()
    {
        var secret = "JBSWY3DPEHPK3PXP";
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        Assert.Equal(Totp.Compute(secret, now.AddSeconds(30)), Totp.Compute(secret, now, stepOffset: 1));
    }

    [Fact]
    public void Compute_SecretWithSpacesAndLowercase_IsAccepted()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        Assert.Equal(Totp.Compute("JBSWY3DPEHPK3PXP", now), Totp.Compute("jbsw y3dp ehpk 3pxp", now));
    }

    [Fact]
    public void Compute_InvalidBase32_ThrowsWithoutEchoingTheSecret()
    {
        var e = Assert.Throws<SftpConfigException>(() => Totp.Compute("NOT-BASE32-!!-SECRETVALUE", DateTimeOffset.UnixEpoch));

        Assert.Contains("SFTP_TOTP_SECRET", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", e.Message, StringComparison.Ordinal);
    }

    private static string ToBase32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
