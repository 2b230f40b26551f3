using System.CommandLine;
using SftpInteractive.Tool.Commands;

namespace SftpInteractive.Tool;

/// <summary>The <c>sftpi</c> entry point: one registration list of commands.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("SftpInteractive: explore SFTP servers from C#.");
        Command[] commands =
        [
            KernelCommand.Create(EngineFactory.Create),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
