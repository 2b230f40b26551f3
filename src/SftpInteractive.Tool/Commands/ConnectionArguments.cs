using System.CommandLine;

namespace SftpInteractive.Tool.Commands;

/// <summary>The connection options of <c>sftpi</c>; anything not given comes from the environment and <c>.env</c>.</summary>
internal sealed class ConnectionArguments
{
    public Argument<string?> Target { get; } = new("target")
    {
        Description = "Host, user@host or an ~/.ssh/config alias (default: SFTP_HOST from .env)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Host { get; } = new("--host") { Description = "Host name or address (SFTP_HOST)" };

    public Option<string?> User { get; } = new("--user", "-u") { Description = "User name (SFTP_USERNAME)" };

    public Option<int?> Port { get; } = new("--port", "-p") { Description = "Port (SFTP_PORT, default 22)" };

    public Option<string?> PasswordEnv { get; } = new("--password-env") { Description = "Name of an environment variable holding the password (never pass a password on the command line)" };

    public Option<string?> Key { get; } = new("--key", "-i") { Description = "Private key file: OpenSSH, PEM or PuTTY .ppk (SFTP_PRIVATE_KEY)" };

    public Option<string?> Jump { get; } = new("--jump", "-J") { Description = "Jump host(s) to connect through, like ssh -J: user@bastion:port[,next...] (SFTP_JUMP)" };

    public Option<string?> EnvFile { get; } = new("--env-file") { Description = "A .env file to read instead of searching from the current directory" };

    public Option<string?> SshConfig { get; } = new("--ssh-config", "-F") { Description = "OpenSSH client config to read instead of ~/.ssh/config and /etc/ssh/ssh_config, like ssh -F (SFTP_SSH_CONFIG)" };

    public Option<SftpTransport?> Transport { get; } = new("--transport") { Description = "What carries the SFTP bytes: SshNet (default, embedded) or OpenSsh (runs ssh -s sftp; keys and agents) (SFTP_TRANSPORT)" };

    public Option<bool> NoConnect { get; } = new("--no-connect") { Description = "Start unconnected; call Connect(...) later" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Target);
        foreach (var option in new Option[] { Host, User, Port, PasswordEnv, Key, Jump, EnvFile, SshConfig, Transport, NoConnect })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Options for the helper, and whether the user asked for a connection explicitly.</summary>
    public (SftpOptions Options, bool Explicit) Read(ParseResult parse)
    {
        var options = new SftpOptions
        {
            Host = parse.GetValue(Host),
            Username = parse.GetValue(User),
            Port = parse.GetValue(Port),
            PrivateKeyPath = parse.GetValue(Key),
            Jump = parse.GetValue(Jump),
            Transport = parse.GetValue(Transport),
            EnvFile = parse.GetValue(EnvFile),
            SshConfigPath = parse.GetValue(SshConfig) is { } sshConfig ? Path.GetFullPath(sshConfig) : null,
        };
        if (parse.GetValue(Target) is { Length: > 0 } target)
        {
            var at = target.LastIndexOf('@');
            options.Host ??= at < 0 ? target : target[(at + 1)..];
            options.Username ??= at < 0 ? null : target[..at];
        }

        if (parse.GetValue(PasswordEnv) is { Length: > 0 } variable)
        {
            options.Password = Environment.GetEnvironmentVariable(variable)
                ?? throw new SftpConfigException($"--password-env {variable}: the environment variable {variable} is not set");
            Redactor.Register(options.Password);
        }

        var explicitConnect = options.Host is not null || options.EnvFile is not null || options.Username is not null || options.PrivateKeyPath is not null || options.Jump is not null;
        return (options, explicitConnect);
    }
}
