using System.CommandLine;
using SftpInteractive.Scripting;
using SftpInteractive.Tool.Commands;

namespace SftpInteractive.Tool;

/// <summary>The command line of <c>sftpi</c>: a cold start and a warm spare serving a launcher both run this.</summary>
internal static class ToolMain
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        // `sftpi` itself is the REPL; every other command lives in its own file under Commands/ and is registered
        // here, one line each.
        StartupTrace.Mark("main");
        var root = ReplCommand.Create();
        Command[] commands =
        [
            DemoCommand.Create(),
            KernelCommand.Create(),
            RunCommand.Create(),
            ConvertCommand.Create(),
            WarmCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        // No process-termination handling by System.CommandLine: Ctrl+C belongs to the REPL (it cancels the running
        // submission), and a default 2 s termination timeout would kill the session.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }
}
