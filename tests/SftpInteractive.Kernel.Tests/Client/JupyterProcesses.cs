namespace SftpInteractive.Kernel.Tests.Client;

/// <summary>Tests that start real kernel processes (Roslyn, Python clients) run one at a time: on a 2-core machine
/// several at once would make the Jupyter clients' own timeouts the thing under test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JupyterProcesses
{
    public const string Name = "Jupyter processes";
}
