using System.CommandLine;
using SftpInteractive.Scripting;

namespace SftpInteractive.Tool.Commands;

/// <summary>
/// <c>sftpi run FILE [--output OUT] [--allow-errors] [-p name=value]...</c>: runs a notebook or script top to bottom with
/// the engine, headless. Exit code 0, 1 when a cell failed (the run stops there unless <c>--allow-errors</c>), 130 when
/// a cell was cancelled, 2 for a bad file or bad arguments. A <c>.csx</c> connects at start-up from .env as a piped
/// script does; a notebook connects in its own cells as in the kernel (<c>--connect</c> connects first anyway).
/// </summary>
internal static class RunCommand
{
    /// <summary>The exit code for a file that cannot be run or bad arguments (System.CommandLine's for usage errors).</summary>
    public const int UsageError = 2;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .ipynb, .dib, .csx or .cs file to run" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the executed notebook (outputs, execution counts, errors) here; .ipynb keeps outputs", HelpName = "FILE" };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run the remaining cells after a failing one (the exit code is still 1)" };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "name=value, injected after the cell tagged 'parameters' as papermill does (repeatable; numbers, true/false, else a string)",
            HelpName = "name=value",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var envFile = new Option<string?>("--env-file") { Description = "A .env file to read instead of searching from the current directory", HelpName = "FILE" };
        var connect = new Option<bool>("--connect") { Description = "Connect from .env before the first cell (a .csx does unless --no-connect)" };
        var noConnect = new Option<bool>("--no-connect") { Description = "Do not connect before the first cell (a .csx connects from .env by default)" };
        var run = new Command("run", "Run a notebook or script (.ipynb, .dib, .csx, .cs) top to bottom, headless.")
        {
            file, output, allowErrors, parameters, envFile, connect, noConnect,
        };
        run.SetAction((parse, cancellationToken) => RunAsync(parse, new Arguments(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(allowErrors),
            parse.GetValue(parameters) ?? [], parse.GetValue(envFile), parse.GetValue(connect), parse.GetValue(noConnect)), cancellationToken));
        return run;
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments arguments, CancellationToken cancellationToken)
    {
        // The command's own messages pass the same boundary as the cells' echo (NotebookRunner): a start-up notice or a
        // connection error that quotes a secret is masked.
        using var error = new RedactingWriter(parse.InvocationConfiguration.Error);
        try
        {
            return await RunAsync(arguments, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            error.Drain();
        }
    }

    private static async Task<int> RunAsync(Arguments arguments, RedactingWriter error, CancellationToken cancellationToken)
    {
        NotebookDocument document;
        NotebookFormat format;
        try
        {
            format = NotebookFiles.FormatOf(arguments.File);
            if (arguments.Output is { } outputPath)
            {
                _ = NotebookFiles.FormatOf(outputPath);
            }

            document = NotebookFiles.Load(arguments.File, format);
            NotebookParameters.Inject(document, ParseParameters(arguments.Parameters));
        }
        catch (Exception e) when (e is NotebookFileException or ArgumentException)
        {
            await error.WriteLineAsync("sftpi run: " + e.Message.Split(" (Parameter", 2)[0]).ConfigureAwait(false);
            return UsageError;
        }

        var defaults = new SftpOptions { EnvFile = arguments.EnvFile };
        var globals = new ScriptGlobals(defaults, Console.Out);
        EngineLog.Writer = Console.Error; // the connection log (SFTP_LOG, #log) on stderr, as in the piped REPL
        var mode = arguments.NoConnect ? ConnectMode.None
            : arguments.Connect ? ConnectMode.Required
            : format == NotebookFormat.Csx ? ConnectMode.IfConfigured : ConnectMode.None;
        var folder = Path.GetDirectoryName(Path.GetFullPath(arguments.File))!;
        var engine = new ScriptEngine(globals, folder) { WarmUpCompletion = false };
        await using (engine.ConfigureAwait(false))
        {
            try
            {
                if (await ReplLauncher.ConnectAsync(globals, defaults, mode, cancellationToken).ConfigureAwait(false) is { } notice)
                {
                    await error.WriteLineAsync(notice).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // As in the piped REPL: a failed start-up connect is reported; cells may still connect.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                await error.WriteLineAsync("Not connected: " + e.Message).ConfigureAwait(false);
                if (mode == ConnectMode.Required)
                {
                    return 1;
                }
            }

            var runner = new NotebookRunner(engine) { AllowErrors = arguments.AllowErrors, Output = Console.Out, Errors = Console.Error };
            var result = await runner.RunAsync(document, cancellationToken).ConfigureAwait(false);
            if (arguments.Output is { } output)
            {
                try
                {
                    NotebookFiles.Save(document, output);
                }
                catch (NotebookFileException e)
                {
                    await error.WriteLineAsync("sftpi run: " + e.Message).ConfigureAwait(false);
                    return UsageError;
                }
            }

            return result.Cancelled ? 130 : result.Failed > 0 ? 1 : 0;
        }
    }

    private static List<KeyValuePair<string, string>> ParseParameters(string[] values)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"-p {value}: expected name=value");
            }

            parsed.Add(new(value[..equals].Trim(), value[(equals + 1)..]));
        }

        return parsed;
    }

    private sealed record Arguments(string File, string? Output, bool AllowErrors, string[] Parameters, string? EnvFile, bool Connect, bool NoConnect);
}
