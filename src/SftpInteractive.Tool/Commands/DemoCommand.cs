using System.CommandLine;
using System.Diagnostics;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi demo</c>: starts the sandbox OpenSSH server with the sample data (the project's test server
/// script) and opens the REPL connected to it.</summary>
internal static class DemoCommand
{
    /// <summary>The tutorial's steps, with the sample data's real root (<c>/data</c>, or a folder in the state dir
    /// when the server runs unprivileged).</summary>
    internal static IReadOnlyList<string> Banner(string dataRoot) =>
    [
        "sftpi demo — a local OpenSSH server with sample data. Try, one line at a time:",
        Step($"Ls(\"{dataRoot}\")", "list a folder (Tab completes remote paths inside \"...\")"),
        Step($"Find(\"{dataRoot}\", \"wmr1006.csv\")", "search the tree (globs like \"**/history/*.csv\" too)"),
        Step($"var hit = Find(\"{dataRoot}\", \"wmr1006.csv\")[0].Path;", "keep the first match's path"),
        Step("Get(hit, \"wmr1006.csv\")", "download it here, with a progress bar"),
        Step("Put(\"wmr1006.csv\", \"my-copy.csv\")", "upload it to your remote home folder"),
        Step("Run(\"ls -l my-copy.csv\")", "run a command on the server"),
        Step("#help", "all verbs; Ctrl+C cancels, Ctrl+D leaves"),
    ];

    private static string Step(string code, string description) => "  " + code.PadRight(50) + " " + description;

    public static Command Create()
    {
        var command = new Command("demo", "Start the sandbox SFTP server with sample data and open the REPL connected to it");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = parse.InvocationConfiguration.Error;
            var script = FindScript();
            if (script is null)
            {
                await errors.WriteLineAsync("sftpi demo: the test server script (tests/server/sftpi-test-server) was not found").ConfigureAwait(false);
                return 2;
            }

            var environment = DemoEnvironment();
            var (code, output) = await RunScriptAsync(script, "start", environment, cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                await errors.WriteLineAsync($"sftpi demo: the server did not start (exit {code}):\n{Redactor.Redact(output)}").ConfigureAwait(false);
                return code;
            }

            var (envCode, envFile) = await RunScriptAsync(script, "env", environment, cancellationToken).ConfigureAwait(false);
            if (envCode != 0)
            {
                await errors.WriteLineAsync("sftpi demo: no .env for the demo account: " + envFile).ConfigureAwait(false);
                return envCode;
            }

            var options = new SftpOptions { EnvFile = LastLine(envFile) };
            var (_, serverEnv) = await RunScriptAsync(script, "env server", environment, cancellationToken).ConfigureAwait(false);
            var banner = Banner(DataRoot(LastLine(serverEnv)));
            return await ReplLauncher.RunAsync(options, ConnectMode.Required, banner, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The script of the clone we are in, else the copy shipped beside the tool.</summary>
    internal static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "server", "sftpi-test-server");
                if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "SftpInteractive.sln")))
                {
                    return candidate;
                }
            }
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "server", "sftpi-test-server");
        return File.Exists(shipped) ? shipped : null;
    }

    /// <summary>SFTPI_TEST_DATA_ROOT from the server's facts file; <c>/data</c> when it cannot be read.</summary>
    internal static string DataRoot(string serverEnvFile)
    {
        try
        {
            return File.ReadLines(serverEnvFile).Select(l => l.Split('=', 2))
                .Where(p => p.Length == 2 && p[0].Trim() == "SFTPI_TEST_DATA_ROOT")
                .Select(p => p[1].Trim().Trim('"')).FirstOrDefault(v => v.Length > 0) ?? "/data";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "/data";
        }
    }

    private static string LastLine(string output) => output.Trim().Split('\n')[^1].Trim();

    private static Dictionary<string, string> DemoEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Environment.UserName.Equals("root", StringComparison.Ordinal))
        {
            // Without root the script cannot add accounts or PAM: it runs sshd as this user with key auth.
            environment["SFTPI_TEST_UNPRIVILEGED"] = "1";
        }

        if (Environment.GetEnvironmentVariable("SFTPI_TEST_DIR") is null && !FindScript()!.Contains(Path.Combine("tests", "server"), StringComparison.Ordinal))
        {
            // Outside a clone the state (keys, .env) lives with the user's data, not beside the installed tool.
            var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            environment["SFTPI_TEST_DIR"] = Path.Combine(data, "sftpi", "demo-server");
        }

        return environment;
    }

    private static async Task<(int Code, string Output)> RunScriptAsync(string script, string arguments, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        // bash runs it even when a package extraction dropped the executable bit.
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, process.ExitCode == 0 ? await stdout.ConfigureAwait(false) : await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
