namespace SftpInteractive;

/// <summary>One ssh_config file to read.</summary>
/// <param name="Path">The file.</param>
/// <param name="IsUserConfig">True for the user's file (or <c>--ssh-config</c>): relative Includes live under
/// <c>~/.ssh</c> and <c>~</c> is allowed; false for the system file (<c>/etc/ssh</c>).</param>
internal sealed record SshConfigSource(string Path, bool IsUserConfig)
{
    /// <summary>The system-wide client config.</summary>
    public const string SystemConfig = "/etc/ssh/ssh_config";

    /// <summary>The files OpenSSH reads: <paramref name="explicitFile"/> alone (like <c>ssh -F</c>), else
    /// <c>~/.ssh/config</c> then <c>/etc/ssh/ssh_config</c>, those that exist.</summary>
    public static IReadOnlyList<SshConfigSource> Choose(string? explicitFile, string homeDirectory)
    {
        if (explicitFile is not null)
        {
            return [new(explicitFile, true)];
        }

        var user = System.IO.Path.Combine(homeDirectory, ".ssh", "config");
        return [.. new SshConfigSource[] { new(user, true), new(SystemConfig, false) }.Where(s => File.Exists(s.Path))];
    }
}
