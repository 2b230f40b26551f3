using System.Diagnostics;
using System.Globalization;
using Renci.SshNet;

namespace SftpInteractive.Bench;

/// <summary>
/// The same library with no product code: one SftpClient, aes128-gcm first, 64 KiB requests, SSH.NET's own pipelined
/// DownloadFile/UploadFile. Beside ours in the loopback rows it shows what the product itself adds. The host key is
/// checked against the fingerprint the test server published (SFTPI_TEST_HOST_KEY_SHA256), never trusted blindly.
/// </summary>
internal static class RawSshNet
{
    public static string Run(string command, string source, string destination, IReadOnlyDictionary<string, string> env, string expectedFingerprint)
    {
        using var key = new PrivateKeyFile(env["SFTP_PRIVATE_KEY"]);
        var info = new ConnectionInfo(env.GetValueOrDefault("SFTP_HOST", "127.0.0.1"), int.Parse(env.GetValueOrDefault("SFTP_PORT", "22"), CultureInfo.InvariantCulture),
            env["SFTP_USERNAME"], new PrivateKeyAuthenticationMethod(env["SFTP_USERNAME"], key));
        var cipher = info.Encryptions["aes128-gcm@openssh.com"];
        info.Encryptions.Remove("aes128-gcm@openssh.com");
        var rest = info.Encryptions.ToList();
        info.Encryptions.Clear();
        info.Encryptions.Add("aes128-gcm@openssh.com", cipher);
        foreach (var (name, value) in rest)
        {
            info.Encryptions.Add(name, value);
        }

        using var client = new SftpClient(info) { BufferSize = 65536 };
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == expectedFingerprint;
        client.Connect();
        var watch = Stopwatch.StartNew();
        if (command == "raw-get")
        {
            using var output = File.Create(destination);
            client.DownloadFile(source, output);
        }
        else
        {
            using var input = File.OpenRead(source);
            client.UploadFile(input, destination, canOverride: true);
        }

        return string.Create(CultureInfo.InvariantCulture, $"raw SSH.NET {command} {watch.Elapsed.TotalSeconds:0.000} s");
    }
}
