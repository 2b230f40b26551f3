namespace SftpInteractive;

/// <summary>POSIX path arithmetic for remote paths (the local OS's <see cref="System.IO.Path"/> is wrong on Windows).</summary>
public static class RemotePath
{
    /// <summary>Joins <paramref name="path"/> to <paramref name="baseDirectory"/> unless it is absolute, then removes
    /// <c>.</c>, <c>..</c> and duplicate slashes. <c>~</c> stands for <paramref name="home"/>.</summary>
    public static string Resolve(string baseDirectory, string path, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (home is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)))
        {
            path = home + path[1..];
        }

        var full = path.StartsWith('/') ? path : Combine(baseDirectory, path);
        return Normalize(full);
    }

    /// <summary>Joins two paths with one slash.</summary>
    public static string Combine(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (right.StartsWith('/'))
        {
            return right;
        }

        return left.EndsWith('/') ? left + right : left + "/" + right;
    }

    /// <summary>Removes <c>.</c>, <c>..</c> and duplicate slashes from an absolute path.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The parent directory of an absolute path (<c>/</c> for <c>/</c>).</summary>
    public static string Parent(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.LastIndexOf('/');
        return slash <= 0 ? "/" : normalized[..slash];
    }

    /// <summary>The last component of a path.</summary>
    public static string Name(string path)
    {
        var normalized = Normalize(path);
        return normalized == "/" ? "/" : normalized[(normalized.LastIndexOf('/') + 1)..];
    }
}
