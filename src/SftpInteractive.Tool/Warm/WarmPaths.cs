using System.Runtime.Versioning;
using System.Globalization;
using System.Reflection;

namespace SftpInteractive.Tool.Warm;

/// <summary>Where the spares of this tool live: a per-user directory with mode 0700 (<c>SFTPI_WARM_DIR</c>, else
/// <c>$XDG_RUNTIME_DIR/sftpi</c>, else <c>~/.cache/sftpi/warm</c>), and in it one socket, lock and pid file named by
/// the tool's identity (its assembly's path, version and build time), so an upgraded tool never talks to an old spare.</summary>
[SupportedOSPlatform("linux")]
internal sealed class WarmPaths
{
    private const long MaxLogBytes = 64 * 1024;

    private WarmPaths(string directory, string identity)
    {
        Directory = directory;
        Identity = identity;
    }

    /// <summary>The per-user directory.</summary>
    public string Directory { get; }

    /// <summary>A short hash of what makes this build of the tool distinct.</summary>
    public string Identity { get; }

    /// <summary>The socket a waiting spare listens on; it exists only while one waits.</summary>
    public string Socket => Path.Combine(Directory, Identity + ".sock");

    /// <summary>Held (an exclusive lock) by the one spare of this identity while it warms up and waits.</summary>
    public string Lock => Path.Combine(Directory, Identity + ".lock");

    /// <summary>The waiting spare's process id; written once it listens, removed when it serves or ends.</summary>
    public string PidFile => Path.Combine(Directory, Identity + ".pid");

    /// <summary>What the spares did, one line each (ready, served whom, why they ended): small, for <c>sftpi warm status</c>
    /// and the tests.</summary>
    public string LogFile => Path.Combine(Directory, "warm.log");

    /// <summary>The build this process runs: where its assembly is, its version and its file's time.</summary>
    public static string ToolAssembly => typeof(WarmPaths).Assembly.Location;

    /// <summary>This tool's paths; <paramref name="create"/> makes the directory (mode 0700) when missing.</summary>
    /// <exception cref="IOException">The directory is not usable (not ours alone).</exception>
    public static WarmPaths ForThisTool(bool create) => new(ResolveDirectory(create), ComputeIdentity());

    /// <summary>The directory as the environment names it.</summary>
    public static string DirectoryPath()
    {
        if (Environment.GetEnvironmentVariable("SFTPI_WARM_DIR") is { Length: > 0 } explicitDirectory)
        {
            return explicitDirectory;
        }

        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            return Path.Combine(runtime, "sftpi");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sftpi", "warm");
    }

    /// <summary>The identity as computed now: changes when the tool's assembly is replaced.</summary>
    public static string ComputeIdentity()
    {
        var assembly = ToolAssembly;
        var version = typeof(WarmPaths).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        var built = File.GetLastWriteTimeUtc(assembly).Ticks.ToString(CultureInfo.InvariantCulture);
        var hash = 14695981039346656037UL; // FNV-1a: a name, not a secret (the directory's mode is the protection)
        foreach (var c in $"{assembly}\n{version}\n{built}\n{Environment.Version}")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends one line to <see cref="LogFile"/> (best effort: a spare never fails for its log).</summary>
    public void Log(string what)
    {
        try
        {
            var info = new FileInfo(LogFile);
            if (info.Exists && info.Length > MaxLogBytes)
            {
                info.Delete();
            }

            File.AppendAllText(LogFile, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} pid {Environment.ProcessId} [{Identity}]: {what}\n");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ResolveDirectory(bool create)
    {
        var directory = DirectoryPath();
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (create && !System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory, Private);
        }

        // Only a directory nobody else can enter: another user could otherwise put a socket of their own there.
        if (System.IO.Directory.Exists(directory) && File.GetUnixFileMode(directory) != Private)
        {
            throw new IOException($"{directory} must have mode 0700 to hold warm spares");
        }

        return directory;
    }
}
