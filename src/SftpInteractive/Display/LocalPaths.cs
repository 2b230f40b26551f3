namespace SftpInteractive;

/// <summary>
/// Local paths the way messages and tables show them: below the working directory relative to it
/// (<c>./downloads/a.csv</c>), below the home folder with <c>~</c> (<c>~/.ssh/known_hosts</c>), anything else in full.
/// A notebook's outputs then name no machine-specific folder and stay valid where the notebook runs (its working
/// directory is its own folder), and a shell accepts every form shown.
/// </summary>
internal static class LocalPaths
{
    /// <summary>The short form of <paramref name="path"/> (unchanged when it is relative or outside both folders).</summary>
    public static string Display(string? path) =>
        Display(path, Directory.GetCurrentDirectory(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="Display(string?)"/> with explicit folders (tests).</summary>
    internal static string Display(string? path, string workingDirectory, string? home)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathFullyQualified(path))
        {
            return path ?? string.Empty;
        }

        var full = Path.GetFullPath(path);
        if (Below(full, workingDirectory) is { } relative)
        {
            return relative.Length == 0 ? "." : "." + Path.DirectorySeparatorChar + relative;
        }

        if (!string.IsNullOrEmpty(home) && Below(full, home) is { } inHome)
        {
            return inHome.Length == 0 ? "~" : "~" + Path.DirectorySeparatorChar + inHome;
        }

        return path;
    }

    // The rest of full below folder ("" for the folder itself), or null. A file-system root is never a base: every
    // path is below it, and "./etc/passwd" for "/etc/passwd" would only hide where the file is.
    private static string? Below(string full, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (root.Length == 0 || string.Equals(root, Path.TrimEndingDirectorySeparator(Path.GetPathRoot(root) ?? string.Empty), StringComparison.Ordinal))
        {
            return null;
        }

        if (string.Equals(full, root, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full[(root.Length + 1)..] : null;
    }
}
