namespace SftpInteractive;

/// <summary>What ssh_config sets for one host name (null: not set there): how a jump host resolves its own settings
/// under its own name.</summary>
/// <param name="HostName">HostName.</param>
/// <param name="User">User.</param>
/// <param name="Port">Port.</param>
/// <param name="IdentityFiles">IdentityFile entries, expanded, in order.</param>
/// <param name="HashKnownHosts">HashKnownHosts.</param>
internal sealed record SshHostEntry(string? HostName, string? User, int? Port, IReadOnlyList<string> IdentityFiles, bool? HashKnownHosts = null);
