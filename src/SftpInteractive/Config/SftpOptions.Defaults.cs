namespace SftpInteractive;

public sealed partial class SftpOptions
{
    /// <summary>These options with the gaps filled from a host's <paramref name="defaults"/> (its command line).
    /// Naming another host drops the defaults' account (port, user, password, key, certificate, jump hosts): they belong to the default host.</summary>
    internal SftpOptions WithDefaults(SftpOptions? defaults)
    {
        if (defaults is null)
        {
            return this;
        }

        var sameHost = Host is null;
        return new SftpOptions
        {
            Host = Host ?? defaults.Host,
            Port = Port ?? (sameHost ? defaults.Port : null),
            Username = Username ?? (sameHost ? defaults.Username : null),
            Password = Password ?? (sameHost ? defaults.Password : null),
            PrivateKeyPath = PrivateKeyPath ?? (sameHost ? defaults.PrivateKeyPath : null),
            Passphrase = Passphrase ?? defaults.Passphrase,
            TotpSecret = TotpSecret ?? defaults.TotpSecret,
            KnownHostsPath = KnownHostsPath ?? defaults.KnownHostsPath,
            HashKnownHosts = HashKnownHosts ?? defaults.HashKnownHosts,
            Jump = Jump ?? (sameHost ? defaults.Jump : null),
            CertificatePath = CertificatePath ?? (sameHost ? defaults.CertificatePath : null),
            IdentityAgent = IdentityAgent ?? defaults.IdentityAgent,
            IdentitiesOnly = IdentitiesOnly ?? defaults.IdentitiesOnly,
            HostKeyPolicy = HostKeyPolicy ?? defaults.HostKeyPolicy,
            HostKeyFingerprint = HostKeyFingerprint ?? defaults.HostKeyFingerprint,
            ConnectTimeout = ConnectTimeout ?? defaults.ConnectTimeout,
            OperationTimeout = OperationTimeout ?? defaults.OperationTimeout,
            KeepAliveInterval = KeepAliveInterval ?? defaults.KeepAliveInterval,
            KeepAliveCountMax = KeepAliveCountMax ?? defaults.KeepAliveCountMax,
            WarmPool = WarmPool ?? defaults.WarmPool,
            Transport = Transport ?? defaults.Transport,
            PreferredAuthentications = PreferredAuthentications ?? defaults.PreferredAuthentications,
            EnvFile = EnvFile ?? defaults.EnvFile,
            WorkingDirectory = WorkingDirectory ?? defaults.WorkingDirectory,
            SshConfigPath = SshConfigPath ?? defaults.SshConfigPath,
            Prompt = Prompt ?? defaults.Prompt,
            Notice = Notice ?? defaults.Notice,
            Environment = Environment ?? defaults.Environment,
            TimeProvider = TimeProvider ?? defaults.TimeProvider,
        };
    }
}
