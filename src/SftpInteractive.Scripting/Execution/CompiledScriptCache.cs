using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SftpInteractive.Scripting;

/// <summary>
/// Piped scripts compiled by earlier runs, so that running the same script again skips the C# compiler, which is most
/// of a short script's run time. An entry is found by the script's exact text, the runtime's version and the identity
/// of the assemblies scripts compile against (a new build of the tool misses every entry); it holds the emitted
/// submission assemblies and the libraries compiled from the script's type declarations. Scripts with <c>#</c> directive lines (packages, <c>#r</c>, <c>#load</c>) are never stored:
/// what they compile against depends on more than their text. The folder is private to the user (it holds the
/// scripts' code, string literals included); a folder others may write to is not used.
/// </summary>
public sealed class CompiledScriptCache
{
    /// <summary>The environment variable that moves the cache (a folder path) or turns it off (<c>off</c>).</summary>
    public const string EnvironmentVariable = "SFTPI_SCRIPT_CACHE";

    private const int FormatVersion = 2; // 2: cell libraries (CompiledLibrary) beside the submissions
    private const string Manifest = "manifest.json";

    /// <summary>Creates a cache in <paramref name="directory"/> (created on first store, readable by the user only).</summary>
    public CompiledScriptCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder that holds the entries.</summary>
    public string Directory { get; }

    /// <summary>How many scripts are kept; the least recently run go first.</summary>
    public int Capacity { get; init; } = 200;

    /// <summary>The cache <see cref="EnvironmentVariable"/> names, by default <c>$XDG_CACHE_HOME/sftpi/scripts</c>
    /// (<c>~/.cache/sftpi/scripts</c>; on Windows under the local application data); null when turned off.</summary>
    public static CompiledScriptCache? FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase) || configured == "0")
        {
            return null;
        }

        if (!string.IsNullOrEmpty(configured))
        {
            return new CompiledScriptCache(configured);
        }

        var root = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return string.IsNullOrEmpty(root) ? null : new CompiledScriptCache(Path.Combine(root, "sftpi", "scripts"));
    }

    /// <summary>Whether a script may be stored: none of its lines is a <c>#</c> directive.</summary>
    internal static bool MayStore(string script) =>
        !script.ReplaceLineEndings("\n").Split('\n').Any(line => line.TrimStart().StartsWith('#'));

    /// <summary>The stored compiled form of <paramref name="script"/>, or null (never stored, stale, unreadable, or a
    /// folder others may write to).</summary>
    internal CompiledScript? TryLoad(string script)
    {
        var entry = Path.Combine(Directory, Key(script));
        if (!System.IO.Directory.Exists(entry) || !IsPrivate(Directory))
        {
            return null;
        }

        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(entry, Manifest)));
            var root = manifest.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion || root.GetProperty("script").GetString() != script)
            {
                return null;
            }

            var submissions = root.GetProperty("submissions").EnumerateArray()
                .Select((s, i) => new CompiledSubmission(
                    s.GetProperty("code").GetString()!,
                    File.ReadAllBytes(Path.Combine(entry, $"{i + 1}.dll")),
                    s.GetProperty("type").GetString()!,
                    s.GetProperty("method").GetString()!,
                    s.GetProperty("hasValue").GetBoolean()))
                .ToList();
            var libraries = root.GetProperty("libraries").EnumerateArray()
                .Select((l, i) => new CompiledLibrary(l.GetString()!, File.ReadAllBytes(Path.Combine(entry, $"library{i + 1}.dll"))))
                .ToList();
            System.IO.Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow); // most recently used
            return CompiledScript.Load(submissions, libraries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or BadImageFormatException or MissingMethodException or TypeLoadException)
        {
            TryDelete(entry); // damaged: the next run compiles and stores it again
            return null;
        }
    }

    /// <summary>Stores the compiled form of <paramref name="script"/>; a failure to write only means the next run
    /// compiles again.</summary>
    internal void Store(string script, IReadOnlyList<CompiledSubmission> submissions, IReadOnlyList<CompiledLibrary> libraries)
    {
        var key = Key(script);
        var entry = Path.Combine(Directory, key);
        var temporary = Path.Combine(Directory, $".{key}.{Environment.ProcessId}.tmp");
        try
        {
            CreatePrivate(Directory);
            if (!IsPrivate(Directory) || System.IO.Directory.Exists(entry))
            {
                return;
            }

            System.IO.Directory.CreateDirectory(temporary);
            for (var i = 0; i < submissions.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(temporary, $"{i + 1}.dll"), submissions[i].Image);
            }

            for (var i = 0; i < libraries.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(temporary, $"library{i + 1}.dll"), libraries[i].Image);
            }

            File.WriteAllBytes(Path.Combine(temporary, Manifest), ManifestBytes(script, submissions, libraries));
            System.IO.Directory.Move(temporary, entry); // atomic: a reader sees a whole entry or none
            Evict();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private static byte[] ManifestBytes(string script, IReadOnlyList<CompiledSubmission> submissions, IReadOnlyList<CompiledLibrary> libraries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteString("script", script);
            json.WriteStartArray("submissions");
            foreach (var submission in submissions)
            {
                json.WriteStartObject();
                json.WriteString("code", submission.Code);
                json.WriteString("type", submission.TypeName);
                json.WriteString("method", submission.MethodName);
                json.WriteBoolean("hasValue", submission.HasValue);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("libraries");
            foreach (var library in libraries)
            {
                json.WriteStringValue(library.Name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void Evict()
    {
        var entries = new DirectoryInfo(Directory).GetDirectories();
        foreach (var stale in entries.Where(d => d.Name.StartsWith('.') && d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            TryDelete(stale.FullName); // left by a run that was killed while storing
        }

        var kept = entries.Where(d => !d.Name.StartsWith('.')).OrderByDescending(d => d.LastWriteTimeUtc).ToList();
        foreach (var old in kept.Skip(Capacity))
        {
            TryDelete(old.FullName);
        }
    }

    /// <summary>The entry's name: the script, the runtime and the assemblies it binds to (any rebuild changes them).</summary>
    private static string Key(string script)
    {
        var identity = new StringBuilder()
            .Append("sftpi compiled script ").Append(FormatVersion).Append('\n')
            .Append(Environment.Version).Append('\n')
            .Append(typeof(SftpSession).Module.ModuleVersionId).Append('\n')
            .Append(typeof(Renci.SshNet.SftpClient).Module.ModuleVersionId).Append('\n')
            .Append(typeof(ScriptGlobals).Module.ModuleVersionId).Append('\n')
            .Append(script);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
    }

    private static void CreatePrivate(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Code is loaded from here: a folder that other users may write to is never trusted.</summary>
    private static bool IsPrivate(string directory) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run holds or removed it; nothing is lost either way.
        }
    }
}
