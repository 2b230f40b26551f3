namespace SftpInteractive;

public partial class SftpVerbs
{
    /// <summary>Runs a remote shell command: stdout, stderr, exit code and duration.</summary>
    [Verb(VerbGroup.Exec, "run a remote command: stdout, stderr, exit code")]
    public ExecResult Run(string command) => RunAsync(command).GetAwaiter().GetResult();

    /// <summary>Async <see cref="Run"/>; cancelling stops the remote command.</summary>
    public Task<ExecResult> RunAsync(string command, CancellationToken cancellationToken = default) => Session.RunAsync(command, cancellationToken);
}
