namespace SftpInteractive;

/// <summary>How the server's host key is checked. SftpInteractive never trusts a key silently.</summary>
public enum HostKeyPolicy
{
    /// <summary>The key must already be in known_hosts (OpenSSH <c>StrictHostKeyChecking yes</c>).</summary>
    Strict,

    /// <summary>Trust on first use: an unknown host's key is shown (SHA256) and added to known_hosts; a changed key is
    /// still refused (OpenSSH <c>StrictHostKeyChecking accept-new</c>).</summary>
    AcceptNew,

    /// <summary>The key must match <see cref="SftpOptions.HostKeyFingerprint"/> exactly.</summary>
    Pinned,
}
