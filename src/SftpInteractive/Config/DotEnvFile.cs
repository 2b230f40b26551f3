namespace SftpInteractive;

/// <summary>Finds and reads a <c>.env</c> file (<see cref="DotEnvParser"/>), without touching the process environment.</summary>
internal static class DotEnvFile
{
    /// <summary>The first <c>.env</c> in <paramref name="startDirectory"/> or one of its parents, or null.</summary>
    public static string? Find(string startDirectory)
    {
        var dir = new DirectoryInfo(startDirectory);
        for (var depth = 0; dir is not null && depth < 64; depth++, dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".env");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads <paramref name="path"/> into a dictionary (last assignment wins).</summary>
    /// <exception cref="SftpConfigException">The file cannot be read or is malformed.</exception>
    public static Dictionary<string, string> Read(string path)
    {
        string contents;
        try
        {
            contents = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SftpConfigException($"Cannot read the .env file {path}: {e.Message}", e);
        }

        try
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in DotEnvParser.Parse(contents, Environment.GetEnvironmentVariable))
            {
                values[pair.Key] = pair.Value;
            }

            return values;
        }
        catch (DotEnvFormatException e)
        {
            throw new SftpConfigException(
                $"The .env file {path} is malformed ({e.Message}). Each line must be KEY=value; quote values that contain spaces or '#'. See .env.example.");
        }
    }
}
