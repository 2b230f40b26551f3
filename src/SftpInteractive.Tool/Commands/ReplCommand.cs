using System.CommandLine;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi [target] [--host ...]</c>: the REPL, connected from .env or the options when they say where.</summary>
internal static class ReplCommand
{
    public static RootCommand Create()
    {
        var connection = new ConnectionArguments();
        var root = new RootCommand("sftpi: explore SFTP servers from a C# REPL. Connects from .env (SFTP_HOST, SFTP_USERNAME, ...) when present.");
        connection.AddTo(root);
        root.SetAction((parse, cancellationToken) =>
        {
            var (options, explicitConnect) = connection.Read(parse);
            var mode = parse.GetValue(connection.NoConnect) ? ConnectMode.None : explicitConnect ? ConnectMode.Required : ConnectMode.IfConfigured;
            return ReplLauncher.RunAsync(options, mode, ReplLauncher.DefaultBanner, cancellationToken);
        });
        return root;
    }
}
