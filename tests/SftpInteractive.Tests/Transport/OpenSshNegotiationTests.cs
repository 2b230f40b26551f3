namespace SftpInteractive.Tests.Transport;

/// <summary>What the OpenSSH master negotiated, read from its debug output (lines as OpenSSH 9.2 writes them), and
/// which lines stay out of the error tail.</summary>
public sealed class OpenSshNegotiationTests
{
    private static readonly string[] Lines =
    [
        "debug1: Local version string SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10",
        "debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10",
        "debug1: kex: algorithm: sntrup761x25519-sha512@openssh.com",
        "debug1: kex: host key algorithm: ssh-ed25519",
        "debug1: kex: server->client cipher: aes128-gcm@openssh.com MAC: <implicit> compression: none",
        "debug1: kex: client->server cipher: aes256-ctr MAC: hmac-sha2-256-etm@openssh.com compression: none",
        "debug1: Next authentication method: publickey",
        "sign_and_send_pubkey: signing failed for ED25519 \"work key\" from agent: agent refused operation",
        "debug1: Next authentication method: keyboard-interactive",
        "Authenticated to 127.0.0.1 ([127.0.0.1]:2222) using \"keyboard-interactive\".",
    ];

    [Fact]
    public void Read_SshDebugOutput_TellsWhatWasNegotiated()
    {
        var n = new OpenSshNegotiation();
        foreach (var line in Lines)
        {
            n.Read(line);
        }

        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10", n.ClientVersion);
        Assert.Equal("OpenSSH_9.2p1 Debian-2+deb12u10", n.ServerVersion);
        Assert.Equal("sntrup761x25519-sha512@openssh.com", n.KeyExchange);
        Assert.Equal("ssh-ed25519", n.HostKeyAlgorithm);
        Assert.Equal(("aes256-ctr", "hmac-sha2-256-etm@openssh.com", "none"), n.Outgoing);
        Assert.Equal(("aes128-gcm@openssh.com", "(implicit in cipher)", "none"), n.Incoming);
        Assert.Equal(["publickey", "keyboard-interactive"], n.MethodsTried);
        Assert.Equal("keyboard-interactive", n.AuthenticatedWith);
        Assert.Contains("\"work key\" from agent: agent refused operation", n.AgentRefusals, StringComparison.Ordinal);
    }

    [Fact]
    public void IsDebugLine_KeepsWhatWentWrongForTheErrorTail()
    {
        Assert.True(OpenSshNegotiation.IsDebugLine(Lines[0]));
        Assert.True(OpenSshNegotiation.IsDebugLine(Lines[^1]));
        Assert.False(OpenSshNegotiation.IsDebugLine("sftpi-key@127.0.0.1: Permission denied (publickey)."));
        Assert.False(OpenSshNegotiation.IsDebugLine("Load key \"/k/id\": error in libcrypto"));
    }
}
