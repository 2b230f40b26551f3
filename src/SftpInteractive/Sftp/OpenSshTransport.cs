using System.Diagnostics;
using Renci.SshNet.Common;

namespace SftpInteractive;

/// <summary>
/// The SFTP byte stream of an OpenSSH <c>ssh -s … sftp</c> process: its standard input and output are the duplex
/// stream, read on one thread of its own; what it says on standard error is kept (the last few lines) to explain why
/// it ended. Either a channel process over the session's master (<see cref="StartChannel"/>), which it owns, or the
/// master's own <c>sftp</c> session (<see cref="OverMaster"/>: one process between the server and us, as with
/// OpenSSH's <c>sftp</c>), which it only borrows. Nothing secret is on a command line or in an environment.
/// </summary>
internal sealed class OpenSshTransport : ISftpTransport
{

    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SshErrorTail _stderr;
    private readonly string _target;
    private readonly bool _ownsProcess;
    private volatile bool _open = true;
    private int _disposed;

    private OpenSshTransport(Process process, string target, SshErrorTail? masterErrors = null)
    {
        _process = process;
        _ownsProcess = masterErrors is null;
        _stderr = masterErrors ?? new SshErrorTail(process);
        _target = target;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        // 1 MiB pipes: several replies per wake-up instead of one 64 KiB piece (bench/NOTES.md, 2026-12-06: within the
        // run's spread on a loaded machine, never slower).
        PipeBuffer.Enlarge(_output);
        PipeBuffer.Enlarge(_input);
    }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <inheritdoc />
    public int PeerPacketSize => 0;

    /// <inheritdoc />
    public int LocalPacketSize => 0;

    /// <summary>The process id of the <c>ssh</c> (tests look for it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts a channel <c>ssh</c> for the sftp subsystem over the session's master
    /// (<paramref name="controlPath"/>); <paramref name="target"/> names the host in errors.</summary>
    /// <exception cref="SftpConfigException"><c>ssh</c> is missing or too old.</exception>
    public static OpenSshTransport StartChannel(string controlPath, string host, string target) =>
        new(Launch(OpenSshCommand.Channel(controlPath, host, command: null)), target);

    /// <summary>The master's own <c>sftp</c> session on its standard input and output (<paramref name="master"/>, whose
    /// standard error <paramref name="masterErrors"/> already reads). Disposing it leaves the master and that session
    /// running, idle as before it was taken: the master's life stays the session's, whatever its channels do.</summary>
    internal static OpenSshTransport OverMaster(Process master, SshErrorTail masterErrors, string target) => new(master, target, masterErrors);

    /// <summary>Starts <c>ssh</c> with <paramref name="arguments"/>, its three standard streams redirected and no
    /// askpass or display of the caller's (<paramref name="askpass"/>, when given, is the only one it may use).</summary>
    internal static Process Launch(IEnumerable<string> arguments, string? askpass = null)
    {
        var start = new ProcessStartInfo(OpenSshProgram.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DISPLAY");
        if (askpass is null)
        {
            start.Environment.Remove("SSH_ASKPASS");
            start.Environment.Remove("SSH_ASKPASS_REQUIRE");
            start.Environment.Remove(OpenSshAskpass.OwnerVariable);
        }
        else
        {
            start.Environment["SSH_ASKPASS"] = askpass;
            start.Environment["SSH_ASKPASS_REQUIRE"] = "force";
            start.Environment[OpenSshAskpass.OwnerVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            return Process.Start(start) ?? throw new SftpConnectionException($"Could not start {start.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SftpConfigException(OpenSshProgram.Problem ?? $"Could not run {start.FileName} ({e.Message}).");
        }
    }

    /// <inheritdoc />
    public void Start(ISftpReceiver receiver)
    {
        var errors = _ownsProcess ? _stderr.Start("sftpi ssh stderr") : null;
        var reader = new Thread(() => Pump(receiver, errors)) { IsBackground = true, Name = "sftpi ssh stdout" };
        reader.Start();
    }

    /// <inheritdoc />
    public void Send(byte[] data, int offset, int count)
    {
        try
        {
            _input.Write(data, offset, count);
            _input.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Gone();
        }
    }

    private SshConnectionException Gone()
    {
        _open = false;
        return new SshConnectionException($"ssh to {_target} is gone ({Explain()}).", Renci.SshNet.Messages.Transport.DisconnectReason.ConnectionLost);
    }

    /// <inheritdoc />
    public bool CanSendStaged => OperatingSystem.IsLinux() && _input is System.IO.Pipes.PipeStream;

    /// <inheritdoc />
    public void SendStaged(byte[] header, int count, FileStage stage)
    {
        try
        {
            _input.Write(header, 0, count);
            stage.Drain(((System.IO.Pipes.PipeStream)_input).SafePipeHandle);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Gone();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _open = false;
        if (!_ownsProcess)
        {
            // The master's own session stays open (and unused: its reader ends with the master), so the master keeps the
            // same life whether or not its session was ever used, and no new login is needed for the next channel.
            return;
        }

        // End of input ends the session; a stalled ssh is killed after a moment (never waited for here).
        _ = Task.Run(async () =>
        {
            try
            {
                _input.Dispose();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                try
                {
                    ProcessTree.Kill(_process);
                }
                catch (InvalidOperationException)
                {
                    // It ended meanwhile.
                }
            }
            finally
            {
                _process.Dispose();
            }
        });
    }

    private void Pump(ISftpReceiver receiver, Thread? errors)
    {
        var buffer = new byte[PipeBuffer.Wanted];
        Exception? failure = null;
        try
        {
            int read;
            while ((read = _output.Read(buffer, 0, buffer.Length)) > 0)
            {
                receiver.Received(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            failure = e;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            _open = false;
            receiver.Closed(null);
            return;
        }

        // The stream ended without us closing it: ssh exited; its last words say why.
        errors?.Join(TimeSpan.FromSeconds(5));
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Disposed meanwhile by its owner (Dispose, or the master's end for its own session): it has ended.
        }

        // Not connected only now, once ssh has ended: whoever sees the connection gone can ask why (the master's end
        // reason, for its own session).
        _open = false;
        receiver.Closed(Failure(failure));
    }

    private Exception Failure(Exception? inner)
    {
        var said = Explain();
        if (SaysHostKeyRefused(said))
        {
            return new SftpHostKeyException(
                $"OpenSSH refused the host key of {_target} under the host-key policy ({said}). Check the known_hosts file (SFTP_KNOWN_HOSTS) or SFTP_HOST_KEY_POLICY.");
        }

        if (said.Contains("Permission denied", StringComparison.Ordinal))
        {
            return new SftpAuthenticationException(
                $"OpenSSH could not log in to {_target} ({said}).");
        }

        return new SshConnectionException($"ssh to {_target} ended ({said}).", Renci.SshNet.Messages.Transport.DisconnectReason.ConnectionLost);
    }

    private string Explain() => _stderr.Explain();

    /// <summary>True when ssh's words say it refused the server's host key.</summary>
    internal static bool SaysHostKeyRefused(string said) =>
        said.Contains("Host key verification failed", StringComparison.Ordinal) || said.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal);

}
