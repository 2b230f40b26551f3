namespace SftpInteractive.Scripting;

public partial class ScriptGlobals
{
    /// <summary>Runs a remote shell command: stdout, stderr, exit code and duration.</summary>
    public ExecResult Run(string command) => Session.Run(command);

    /// <summary>Async <see cref="Run"/>; cancelling stops the remote command.</summary>
    public Task<ExecResult> RunAsync(string command, CancellationToken cancellationToken = default) => Session.RunAsync(command, cancellationToken);
}
