namespace SftpInteractive;

/// <summary>What carries a session's SFTP bytes (<c>SFTP_TRANSPORT</c>).</summary>
public enum SftpTransport
{
    /// <summary>SSH.NET's <c>sftp</c> subsystem channel on the session's own connection (the default; needs no
    /// <c>ssh</c> program, works on Windows).</summary>
    SshNet,

    /// <summary>OpenSSH's <c>ssh -s … sftp</c> run with the resolved settings: OpenSSH's crypto speed and its
    /// ssh_config features (ControlMaster, ProxyCommand, FIDO keys…). Needs OpenSSH 8.5 or later on PATH; no SSH.NET connection is made.</summary>
    OpenSsh,
}
