using System.Diagnostics;
using Renci.SshNet;

namespace SftpInteractive;

public sealed partial class SftpSession
{
    private readonly SemaphoreSlim _sshLock = new(1, 1);
    private SshClient? _ssh;

    /// <summary>Runs a remote shell command in the working directory and collects its stdout, stderr, exit code and duration.
    /// Cancelling closes the command's channel (the server then ends the command).</summary>
    /// <param name="command">A shell command line, run by the account's login shell.</param>
    /// <param name="cancellationToken">Stops waiting and closes the channel.</param>
    /// <exception cref="SftpCommandException">The server does not allow running commands (SFTP-only account).</exception>
    /// <exception cref="SftpConnectionException">The connection for commands could not be opened or was lost.</exception>
    /// <exception cref="SftpAuthenticationException">The server refused the login of the connection for commands.</exception>
    /// <exception cref="SftpHostKeyException">The server presented another host key than the session's.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the command's channel is closed.</exception>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    [Verb(VerbGroup.Exec, "run a remote command: stdout, stderr, exit code")]
    public async Task<ExecResult> RunAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var link = SftpCancellation.Link(cancellationToken, out var token);
        var fullCommand = $"cd {ShellQuote(_cwd)} 2>/dev/null; {command}";
        var watch = Stopwatch.StartNew();
        if (Settings.Transport == SftpTransport.OpenSsh)
        {
            // A channel of the session's ssh master: no SSH.NET connection, no second login.
            var (stdout, stderr, exitCode) = await _connector.RunOpenSshAsync(fullCommand, token).ConfigureAwait(false);
            return new ExecResult(command, stdout, stderr, exitCode, watch.Elapsed);
        }

        var ssh = await ExecClientAsync(token).ConfigureAwait(false);
        try
        {
            using var cmd = ssh.CreateCommand(fullCommand);
            cmd.CommandTimeout = Timeout.InfiniteTimeSpan;
            await cmd.ExecuteAsync(token).ConfigureAwait(false);
            return new ExecResult(command, cmd.Result, cmd.Error, cmd.ExitStatus, watch.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SftpInteractiveException)
        {
            if (e is Renci.SshNet.Common.SshException && !IsUp(ssh))
            {
                throw SftpErrors.Map(new Renci.SshNet.Common.SshConnectionException(e.Message), "run", command, this);
            }

            throw new SftpCommandException(
                $"Cannot run '{command}' on {Settings.Target}: {Redactor.Redact(e.Message)}. The account may be limited to SFTP (no shell).", e);
        }
    }

    /// <summary>The SSH connection used for commands: opened on first use (a second connection, since SSH.NET gives
    /// each client its own), checked against the same host key as the SFTP connection.</summary>
    private async Task<SshClient> ExecClientAsync(CancellationToken cancellationToken)
    {
        await _sshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ssh is not null && IsUp(_ssh))
            {
                return _ssh;
            }

            _ssh?.Dispose();
            _ssh = await _connector.ConnectSshAsync(cancellationToken).ConfigureAwait(false);
            return _ssh;
        }
        finally
        {
            _sshLock.Release();
        }
    }

    private async Task DisposeExecClientAsync()
    {
        await _sshLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _ssh?.Dispose();
            _ssh = null;
        }
        finally
        {
            _sshLock.Release();
        }
    }
}
