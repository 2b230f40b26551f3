namespace SftpInteractive;

/// <summary>
/// Keeps local paths built from remote names inside the folder the user chose. A hostile or broken server can send
/// names such as <c>../../.bashrc</c>, <c>/etc/x</c> or <c>a\..\..\x</c>; SSH.NET's own SCP wrote them where they
/// pointed (CVE-2026-48798). Every remote name is checked on its own, then the joined path is checked again, and no
/// existing local folder or file below the target may be a symbolic link: <c>target/sub -&gt; /elsewhere</c> would
/// otherwise carry a download out of the target folder although every name is plain.
/// </summary>
internal static class LocalPathGuard
{
    /// <summary>Refuses a single remote name that is not a plain file or folder name.</summary>
    /// <exception cref="SftpTransferException">The name could escape the target folder.</exception>
    public static void CheckName(string name, string remotePath)
    {
        var problem = name switch
        {
            null or "" => "an empty name",
            "." or ".." => $"the name '{name}'",
            _ when name.Contains('/', StringComparison.Ordinal) => "a slash",
            _ when name.Contains('\\', StringComparison.Ordinal) => "a backslash",
            _ when name.Contains('\0', StringComparison.Ordinal) => "a NUL character",
            _ when Path.IsPathRooted(name) || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])) => "an absolute path",
            _ => null,
        };
        if (problem is not null)
        {
            throw new SftpTransferException(
                $"Refused the remote name '{Printable(name)}' ({remotePath}): it contains {problem}, which could write outside the target folder. " +
                "Nothing was written for it; rename it on the server to download it.");
        }
    }

    /// <summary>The local path for <paramref name="relativePath"/> (forward slashes) below <paramref name="localRoot"/>.</summary>
    /// <exception cref="SftpTransferException">A component could escape the target folder.</exception>
    public static string Resolve(string localRoot, string relativePath, string remotePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var root = Path.GetFullPath(localRoot);
        if (relativePath.StartsWith('/'))
        {
            throw new SftpTransferException($"Refused the remote path '{Printable(relativePath)}' ({remotePath}): it is absolute and would not stay inside {root}.");
        }

        var parts = relativePath.Split('/');
        foreach (var part in parts)
        {
            CheckName(part, remotePath);
        }

        var full = Path.GetFullPath(Path.Combine([root, .. parts]));
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new SftpTransferException($"Refused the remote path '{Printable(relativePath)}' ({remotePath}): it resolves to {full}, outside {root}.");
        }

        var current = root;
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            RefuseLink(current, relativePath, remotePath, root);
        }

        RefuseLink(full + FileTransfer.PartSuffix, relativePath, remotePath, root);
        return full;
    }

    /// <summary>Refuses an existing local symbolic link (even a dangling one) where the download would write.</summary>
    private static void RefuseLink(string localPath, string relativePath, string remotePath, string root)
    {
        // LinkTarget reads the link itself (lstat/readlink), so it sees links to folders and dangling links too.
        if (new FileInfo(localPath).LinkTarget is { } target)
        {
            throw new SftpTransferException(
                $"Refused the remote path '{Printable(relativePath)}' ({remotePath}): the local {localPath} is a symbolic link to {target}, " +
                $"so the download could land outside {root}. Downloads never follow local links; remove the link or choose another target folder.");
        }
    }

    private static string? Printable(string? name) => name?.Replace("\0", "\\0", StringComparison.Ordinal);
}
