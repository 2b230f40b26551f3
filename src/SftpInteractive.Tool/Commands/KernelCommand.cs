using System.CommandLine;
using System.Reflection;
using SftpInteractive.Kernel;
using SftpInteractive.Scripting;

namespace SftpInteractive.Tool.Commands;

/// <summary><c>sftpi kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]</c> and <c>sftpi kernel run CONNECTION_FILE</c>.</summary>
internal static class KernelCommand
{
    /// <param name="engineFactory">The engine cells run in; default: a Roslyn <see cref="ScriptEngine"/> rooted at the working
    /// directory (Jupyter starts kernels in the notebook's folder, so <c>Connect()</c> finds the notebook's .env).</param>
    public static Command Create(Func<IInteractiveEngine>? engineFactory = null)
    {
        // Completion's warm-up (the editor services) waits for the first cell, which notebooks send at once ("Run
        // all"): loading both together made the first result 0.8 s later.
        engineFactory ??= () => new ScriptEngine { CompletionWarmUpDelay = TimeSpan.FromSeconds(3) };
        var kernel = new Command("kernel", "The Jupyter kernel: install its kernelspec, or run it (Jupyter does that).");
        kernel.Subcommands.Add(Install());
        kernel.Subcommands.Add(Run(engineFactory));
        return kernel;
    }

    private static Command Install()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (the default)." };
        var sysPrefix = new Option<bool>("--sys-prefix") { Description = "Install into the Python environment that runs jupyter." };
        var prefix = new Option<string?>("--prefix") { Description = "Install into DIR/share/jupyter/kernels.", HelpName = "DIR" };
        var name = new Option<string?>("--name")
        {
            Description = $"Install under another kernelspec name. '{KernelSpecInstaller.PolyglotKernelName}' makes notebooks saved by Polyglot Notebooks open on this kernel.",
            HelpName = "NAME",
        };
        var install = new Command("install", "Write the 'sftpinteractive' kernelspec so Jupyter front ends list 'C# (SftpInteractive)'.")
        {
            user, sysPrefix, prefix, name,
        };
        install.SetAction(parse =>
        {
            var chosenPrefix = parse.GetValue(prefix);
            var chosen = new[] { parse.GetValue(user), parse.GetValue(sysPrefix), chosenPrefix is not null }.Count(b => b);
            if (chosen > 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("Choose one of --user, --sys-prefix and --prefix.");
                return 2;
            }

            var chosenName = parse.GetValue(name) ?? KernelSpecInstaller.KernelName;
            if (KernelSpecInstaller.CheckName(chosenName) is { } problem)
            {
                parse.InvocationConfiguration.Error.WriteLine(problem);
                return 2;
            }

            var target = chosenPrefix is not null ? KernelSpecTarget.Prefix
                : parse.GetValue(sysPrefix) ? KernelSpecTarget.SysPrefix : KernelSpecTarget.User;
            var launch = KernelSpecInstaller.LaunchCommandFor(Environment.ProcessPath, Assembly.GetEntryAssembly()!.Location);
            try
            {
                var dir = KernelSpecInstaller.Install(target, chosenPrefix, launch, chosenName);
                parse.InvocationConfiguration.Output.WriteLine($"Installed kernelspec '{chosenName}' ({KernelSpecInstaller.DisplayNameFor(chosenName)}) in {dir}");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine("Could not install the kernelspec: " + ex.Message);
                return 1;
            }
        });
        return install;
    }

    private static Command Run(Func<IInteractiveEngine> engineFactory)
    {
        var file = new Argument<string>("connection_file") { Description = "The connection file Jupyter wrote." };
        var run = new Command("run", "Run the kernel for a Jupyter front end (started by Jupyter from the kernelspec).") { file };
        run.SetAction(async (parse, ct) =>
        {
            var log = parse.InvocationConfiguration.Error;
            try
            {
                await KernelHost.RunAsync(parse.GetValue(file)!, engineFactory, log, ct).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                await log.WriteLineAsync("The kernel could not start: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
            finally
            {
                KernelHost.Cleanup();
            }
        });
        return run;
    }
}
