using System.CommandLine;
using SftpInteractive.Tool.Warm;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi [target] [--host ...]</c>: the REPL, connected from .env or the options when they say where.</summary>
internal static class ReplCommand
{
    public static RootCommand Create()
    {
        var connection = new ConnectionArguments();
        var root = new RootCommand("sftpi: explore SFTP servers from a C# REPL. Connects from .env (SFTP_HOST, SFTP_USERNAME, ...) when present.");
        connection.AddTo(root);
        var noWarm = new Option<bool>("--no-warm") { Description = "Start cold: no warm spare serves this start or is left for the next one (also SFTPI_WARM=0; docs/warm-start.md)" };
        root.Options.Add(noWarm);
        root.SetAction((parse, cancellationToken) =>
        {
            var (options, explicitConnect) = connection.Read(parse);
            var mode = parse.GetValue(connection.NoConnect) ? ConnectMode.None : explicitConnect ? ConnectMode.Required : ConnectMode.IfConfigured;
            var spare = !parse.GetValue(noWarm) && OperatingSystem.IsLinux() && WarmLauncher.Enabled(); // this session leaves a spare for the next start
            return ReplLauncher.RunAsync(options, mode, ReplLauncher.DefaultBanner, cancellationToken, spare);
        });
        return root;
    }
}
