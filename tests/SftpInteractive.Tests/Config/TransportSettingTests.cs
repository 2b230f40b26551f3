namespace SftpInteractive.Tests.Config;

/// <summary><c>SFTP_TRANSPORT</c>: sshnet by default, openssh from the environment or .env, explicit options win, and a
/// wrong value names the key and where it was set.</summary>
public sealed class TransportSettingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sftpi-transport-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Resolve_NoTransportSet_IsSshNet() =>
        Assert.Equal(SftpTransport.SshNet, Sftp.LoadSettings(Options(new Dictionary<string, string>())).Transport);

    [Fact]
    public void Resolve_EnvironmentOpenSsh_ExplicitSshNetWins()
    {
        var environment = new Dictionary<string, string> { ["SFTP_TRANSPORT"] = "OpenSSH" };
        Assert.Equal(SftpTransport.OpenSsh, Sftp.LoadSettings(Options(environment)).Transport);

        var options = Options(environment);
        options.Transport = SftpTransport.SshNet;
        Assert.Equal(SftpTransport.SshNet, Sftp.LoadSettings(options).Transport);
    }

    [Fact]
    public void Resolve_UnknownTransport_NamesTheKeyAndTheChoices()
    {
        var e = Assert.Throws<SftpConfigException>(() => Sftp.LoadSettings(Options(new Dictionary<string, string> { ["SFTP_TRANSPORT"] = "putty" })));

        Assert.Contains("SFTP_TRANSPORT", e.Message, StringComparison.Ordinal);
        Assert.Contains("sshnet or openssh", e.Message, StringComparison.Ordinal);
    }

    private SftpOptions Options(Dictionary<string, string> environment)
    {
        environment["SFTP_HOST"] = "files.example.org";
        environment["SFTP_USERNAME"] = "alice";
        return new SftpOptions { Environment = environment, WorkingDirectory = _dir.FullName, SshConfigPath = "/dev/null" };
    }
}
