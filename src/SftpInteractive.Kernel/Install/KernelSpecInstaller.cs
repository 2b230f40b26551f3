using System.Text.Json;
using System.Text.Json.Nodes;

namespace SftpInteractive.Kernel;

/// <summary>Writes the <c>sftpinteractive</c> kernelspec so that <c>jupyter kernelspec list</c>, JupyterLab, VS Code and
/// nbclient find the kernel.</summary>
public static class KernelSpecInstaller
{
    /// <summary>The kernelspec's folder name (what <c>--kernel</c> / <c>kernel_name</c> refers to).</summary>
    public const string KernelName = "sftpinteractive";

    /// <summary>Name shown in launchers and kernel pickers.</summary>
    public const string DisplayName = "C# (SftpInteractive)";

    /// <summary>The kernelspec name .NET Interactive's C# kernel had, which notebooks saved by Polyglot Notebooks name
    /// in their metadata: installed under it (opt-in), our kernel opens them without choosing a kernel again.</summary>
    public const string PolyglotKernelName = ".net-csharp";

    /// <summary>Display name of the kernelspec installed as <see cref="PolyglotKernelName"/>.</summary>
    public const string PolyglotDisplayName = "C# (SftpInteractive, standing in for .NET Interactive)";

    /// <summary>Writes kernel.json (and the logo) and returns the kernelspec folder.</summary>
    /// <param name="target">User, the Jupyter Python's sys.prefix, or <paramref name="prefix"/>.</param>
    /// <param name="prefix">The prefix for <see cref="KernelSpecTarget.Prefix"/>; ignored otherwise.</param>
    /// <param name="launchCommand">How to start the tool, e.g. [path to sftpi] or [dotnet, path to sftpi.dll];
    /// <c>kernel run {connection_file}</c> is appended.</param>
    /// <param name="name">The kernelspec name; <see cref="KernelName"/> when null. See <see cref="CheckName"/>.</param>
    /// <exception cref="ArgumentException">No prefix for <see cref="KernelSpecTarget.Prefix"/>, an empty launch command,
    /// or a name Jupyter would not accept.</exception>
    /// <exception cref="InvalidOperationException">sys-prefix was asked but no <c>jupyter</c> is on PATH.</exception>
    public static string Install(KernelSpecTarget target, string? prefix, IReadOnlyList<string> launchCommand, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(launchCommand);
        if (launchCommand.Count == 0)
        {
            throw new ArgumentException("The launch command is empty.", nameof(launchCommand));
        }

        name ??= KernelName;
        if (CheckName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var dir = Path.Combine(KernelsDirectory(target, prefix), name);
        Directory.CreateDirectory(dir);
        var argv = new JsonArray();
        foreach (var part in launchCommand.Concat(["kernel", "run", "{connection_file}"]))
        {
            argv.Add(part);
        }

        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayNameFor(name),
            ["language"] = "csharp",
            // .NET dies on SIGINT unless it handles it, and Windows has no SIGINT: interrupt by message.
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = true },
        };
        File.WriteAllText(Path.Combine(dir, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(dir, KernelLogo.FileName), KernelLogo.Svg);
        return dir;
    }

    /// <summary>The display name of the kernelspec installed as <paramref name="name"/>: <see cref="DisplayName"/>,
    /// <see cref="PolyglotDisplayName"/>, or for any other name the display name with that name in it.</summary>
    /// <param name="name">A kernelspec name.</param>
    public static string DisplayNameFor(string name) => name switch
    {
        KernelName => DisplayName,
        PolyglotKernelName => PolyglotDisplayName,
        _ => $"C# (SftpInteractive, {name})",
    };

    /// <summary>Why Jupyter would not accept <paramref name="name"/> as a kernelspec name, or null when it would:
    /// jupyter_client's rule is ASCII letters, digits, '.', '_' and '-' only (it lowercases the name), and a folder name
    /// cannot be '.' or '..'.</summary>
    /// <param name="name">A kernelspec name.</param>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The kernel name is empty.";
        }

        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'));
        if (bad != default)
        {
            return $"The kernel name '{name}' has '{bad}': Jupyter accepts only letters, digits, '.', '_' and '-' "
                + $"(for notebooks saved by Polyglot Notebooks: --name {PolyglotKernelName}).";
        }

        if (name.All(c => c == '.'))
        {
            return $"The kernel name '{name}' is not a folder name Jupyter can use.";
        }

        return name.Any(char.IsAsciiLetterUpper)
            ? $"The kernel name '{name}' has capital letters: Jupyter lowercases kernel names, so use '{name.ToLowerInvariant()}'."
            : null;
    }

    /// <summary>The launch command of the running tool: the apphost itself, or <c>dotnet</c> plus the entry assembly
    /// when started as <c>dotnet sftpi.dll</c>.</summary>
    /// <param name="processPath">Environment.ProcessPath.</param>
    /// <param name="entryAssemblyPath">The entry assembly's file.</param>
    public static IReadOnlyList<string> LaunchCommandFor(string? processPath, string entryAssemblyPath)
    {
        if (processPath is null || Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return [processPath ?? "dotnet", Path.GetFullPath(entryAssemblyPath)];
        }

        return [processPath];
    }

    /// <summary>The kernels folder for a target.</summary>
    /// <exception cref="ArgumentException">No prefix for <see cref="KernelSpecTarget.Prefix"/>.</exception>
    public static string KernelsDirectory(KernelSpecTarget target, string? prefix) => target switch
    {
        KernelSpecTarget.Prefix => string.IsNullOrWhiteSpace(prefix)
            ? throw new ArgumentException("--prefix needs a directory.", nameof(prefix))
            : Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels"),
        KernelSpecTarget.SysPrefix => Path.Combine(JupyterSysPrefix(), "share", "jupyter", "kernels"),
        _ => Path.Combine(UserDataDirectory(), "kernels"),
    };

    // jupyter_core's jupyter_data_dir(): JUPYTER_DATA_DIR, else per-platform defaults.
    private static string UserDataDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    // sys.prefix of the Python that runs `jupyter`: its bin/ (Scripts\ on Windows) folder's parent. That holds for
    // Debian (/usr/bin/jupyter → /usr), virtual environments and conda.
    private static string JupyterSysPrefix()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "jupyter.exe", "jupyter.cmd" } : ["jupyter"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (names.Any(n => File.Exists(Path.Combine(dir, n))))
            {
                var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(dir);
                return Directory.GetParent(real.TrimEnd(Path.DirectorySeparatorChar))?.FullName ?? real;
            }
        }

        throw new InvalidOperationException("No 'jupyter' on PATH, so its sys.prefix is unknown. Use --user or --prefix DIR.");
    }
}
