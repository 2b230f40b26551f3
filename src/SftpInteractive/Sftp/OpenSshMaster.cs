using System.Diagnostics;

namespace SftpInteractive;

/// <summary>
/// The one OpenSSH login of a session on the OpenSSH transport: an <c>ssh -M</c> master in a private (0700)
/// temporary directory, listening on a control socket there. Its own session is the <c>sftp</c> subsystem on its
/// standard input and output, whose engine starts with the login and which the first SFTP connection takes
/// (<see cref="TakeOwnSession"/>: the bytes cross one process, as with OpenSSH's <c>sftp</c>); every other channel (the transfer pool, each <c>Run</c>) is an
/// <c>ssh -S</c> client of that socket: no second key exchange, no second login, no second prompt. Prompts and the host key reach the session through <see cref="OpenSshAskpass"/>. Disposing it
/// ends the master (and with it every channel) and deletes the directory.
/// </summary>
internal sealed class OpenSshMaster : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly OpenSshAskpass _askpass;
    private readonly SshErrorTail _stderr;
    private Task<(SftpEngine Engine, string Home)>? _ownSession;
    private int _disposed;
    private int _ownSessionTaken;

    private OpenSshMaster(Process process, DirectoryInfo directory, OpenSshAskpass askpass, string host)
    {
        (_process, _directory, _askpass, Host) = (process, directory, askpass, host);
        _stderr = new SshErrorTail(process, Negotiation.Read);
        ControlPath = Path.Combine(directory.FullName, "cm");
        Exited = process.WaitForExitAsync();
    }

    /// <summary>The control socket the session's channels connect to.</summary>
    public string ControlPath { get; }

    /// <summary>What the master negotiated and how it logged in (from its debug output).</summary>
    public OpenSshNegotiation Negotiation { get; } = new();

    /// <summary>The destination given to the master (channels name it too; the master decides where they go).</summary>
    public string Host { get; }

    /// <summary>Completes when the master process ended.</summary>
    public Task Exited { get; }

    /// <summary>The master's process id (tests look at its command line).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while the master runs and listens.</summary>
    public bool IsAlive => Volatile.Read(ref _disposed) == 0 && !Exited.IsCompleted && File.Exists(ControlPath);

    /// <summary>Starts the master for <paramref name="settings"/>' host and waits until it logged in and its own session
    /// speaks SFTP (or it failed);
    /// <paramref name="answer"/> answers ssh's prompts and host-key questions. <paramref name="prepare"/> is given the
    /// master's private directory and returns the key files it converted there for ssh (a PuTTY key's path → the copy),
    /// the target's and the jump hosts'; they are deleted as soon as the login ended. It runs before ssh starts when
    /// <paramref name="keysAsGiven"/> is false; when true (it converts nothing), while ssh logs in: ssh's first question waits for it, and its
    /// problem, if it finds one, ends the login and is what the caller gets. <paramref name="trustedKeyType"/>: the type
    /// of the host key the session already trusts (a later login), asked for first. <paramref name="knownHosts"/>: the
    /// known_hosts lines of the only keys ssh may accept by itself (none asked about), or null to ask the policy.</summary>
    /// <exception cref="SftpConfigException"><c>ssh</c> is missing or too old.</exception>
    /// <exception cref="SftpInteractiveException"><paramref name="prepare"/> found a problem.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the master is ended.</exception>
    /// <exception cref="OpenSshLoginException">ssh ended before it logged in, or its <c>sftp</c> session did not start;
    /// its last words are in the message.</exception>
    public static async Task<OpenSshMaster> StartAsync(SftpSettings settings, Func<string, IReadOnlyDictionary<string, string>> prepare, bool keysAsGiven,
        Func<OpenSshQuestion, string?> answer, string? trustedKeyType, IReadOnlyList<string>? knownHosts, CancellationToken cancellationToken)
    {
        _ = OpenSshProgram.Path; // a missing ssh: the clear message before anything starts (an old one: after its failure)
        var directory = Directory.CreateTempSubdirectory("sftpi-ssh-"); // mkdtemp: 0700
        OpenSshAskpass? askpass = null;
        OpenSshMaster? master = null;
        Task<IReadOnlyDictionary<string, string>>? plan = null;
        try
        {
            var keys = Directory.CreateDirectory(Path.Combine(directory.FullName, "keys")).FullName;
            // The plan (reading and checking each key, 35–40 ms) overlaps ssh's start and key exchange when it leaves the
            // key files as they are; ssh's questions wait for it, so nothing is asked of a login the plan refuses.
            plan = keysAsGiven ? Task.Run(() => prepare(keys), CancellationToken.None) : Task.FromResult(prepare(keys));
            askpass = OpenSshAskpass.Create(directory.FullName, q => AfterPlan(plan) ? answer(q) : null);
            var controlPath = Path.Combine(directory.FullName, "cm");
            var knownHostsFile = knownHosts is null ? null : Path.Combine(directory.FullName, "known_hosts");
            if (knownHostsFile is not null)
            {
                File.WriteAllLines(knownHostsFile, knownHosts!);
            }

            List<string> arguments = [.. OpenSshCommand.Master(settings, controlPath, askpass.ScriptPath, keysAsGiven ? null : plan.Result, trustedKeyType, knownHostsFile)];
            // Its debug output (the first LogLevel given wins) says what it negotiated and when it logged in; SshErrorTail
            // keeps it apart. Its output is the sftp stream from the start: no LocalCommand of the user's may print there.
            arguments.InsertRange(0, ["-o", "PermitLocalCommand=no", "-o", "LogLevel=DEBUG1"]);
            master = new OpenSshMaster(OpenSshTransport.Launch(arguments, askpass.ScriptPath), directory, askpass, settings.Host);
            master._stderr.Start("sftpi ssh master stderr");
            var ready = master.WaitReadyAsync(settings.Route, cancellationToken);
            try
            {
                if (await Task.WhenAny(ready, plan).ConfigureAwait(false) == plan)
                {
                    await plan.ConfigureAwait(false); // its problem ends the login at once
                }

                await ready.ConfigureAwait(false);
                await plan.ConfigureAwait(false); // ssh may log in without a question before the plan is done
            }
            catch (OpenSshLoginException)
            {
                // Refused because the plan found a problem (ssh's questions went unanswered): that problem is the answer.
                await plan.ConfigureAwait(false);
                if (OpenSshProgram.Problem is { } problem)
                {
                    throw new SftpConfigException(problem); // an ssh too old for our options says "Bad configuration option"
                }

                throw;
            }
            finally
            {
                _ = ready.ContinueWith(r => r.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await ((Task)plan).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // it may still write into keys
                Directory.Delete(keys, recursive: true); // ssh read its keys during the login: no key stays on disk
            }

            return master;
        }
        catch
        {
            _ = plan?.ContinueWith(p => p.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (master is not null)
            {
                master.Dispose();
            }
            else
            {
                askpass?.Dispose();
                directory.Delete(recursive: true);
            }

            throw;
        }
    }

    // Waits for the login plan; true when it found no problem.
    private static bool AfterPlan(Task plan)
    {
        ((IAsyncResult)plan).AsyncWaitHandle.WaitOne();
        return plan.IsCompletedSuccessfully;
    }

    /// <summary>The engine of the master's own <c>sftp</c> session (started with the login) and the server's start
    /// directory, the first time it is asked for while it is open; null after that: each later SFTP connection is an
    /// <c>ssh -S</c> channel (<see cref="OpenSshTransport.StartChannel"/>).</summary>
    public (SftpEngine Engine, string Home)? TakeOwnSession() =>
        Interlocked.Exchange(ref _ownSessionTaken, 1) == 0 && _ownSession is { IsCompletedSuccessfully: true } own && own.Result.Engine.IsOpen
            ? own.Result : null;

    /// <summary>Runs <paramref name="command"/> on the server in a channel of its own and collects its output and
    /// exit status; cancelling ends the channel (the server then closes the command's pipes).</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="OpenSshLoginException">The channel could not be opened (the master is gone).</exception>
    public async Task<(string Stdout, string Stderr, int ExitCode)> RunAsync(string command, CancellationToken cancellationToken)
    {
        using var process = OpenSshTransport.Launch(OpenSshCommand.Channel(ControlPath, Host, command));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(); // the channel client: the master closes the command's channel
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }

            throw;
        }

        var (output, error) = (await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        if (process.ExitCode == 255 && IsChannelFailure(error))
        {
            throw new OpenSshLoginException($"ssh could not open a channel to {Host} ({Redactor.Redact(error.Trim().ReplaceLineEndings(" "))}).", loginFailed: false);
        }

        return (output, error, process.ExitCode);
    }

    /// <summary>What ssh said on standard error (its last lines, secrets redacted), with its exit code.</summary>
    public string Explain() => _stderr.Explain();

    /// <summary>Why the master ended by itself (null while it runs, or when we ended it): its own keepalive
    /// (ServerAliveInterval) going unanswered is said as such.</summary>
    public string? EndReason
    {
        get
        {
            if (!HasEnded() || Volatile.Read(ref _disposed) != 0)
            {
                return null;
            }

            var said = Explain();
            return said.Contains("not responding", StringComparison.Ordinal)
                ? $"the server did not answer ssh's keepalive probe (ServerAliveInterval) and the ssh master ended ({said})"
                : $"the ssh master ended ({said})";
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // The master's channels end with it; its children too: an askpass helper waiting for our answer (it holds
            // its own FIFO open, so it would wait for ever) and the ProxyCommand ssh of a jump host.
            ProcessTree.Kill(_process);
        }
        catch (InvalidOperationException)
        {
            // It ended already.
        }

        _askpass.Dispose();
        if (Interlocked.Exchange(ref _ownSessionTaken, 1) == 0 && _ownSession is { IsCompletedSuccessfully: true } own)
        {
            own.Result.Engine.Dispose(); // never taken: nobody else will
        }

        _ = Exited.ContinueWith(_ =>
        {
            _process.Dispose();
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaner: it holds a script, FIFOs and a dead socket, nothing secret.
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // Exited completes a moment after the exit: its own session's reader, which waited for the exit, asks before that.
    private bool HasEnded()
    {
        try
        {
            return Exited.IsCompleted || _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true; // disposed: it ended
        }
    }

    // A channel client whose master is gone falls back to its ProxyCommand, which fails at once.
    private static bool IsChannelFailure(string stderr) =>
        stderr.Contains("Control socket", StringComparison.Ordinal) || stderr.Contains("mux_client", StringComparison.Ordinal)
        || stderr.Contains("kex_exchange_identification", StringComparison.Ordinal) || stderr.Contains("Connection closed by UNKNOWN", StringComparison.Ordinal);

    // The master's own session is the sftp subsystem on our pipes: SSH_FXP_INIT goes into ssh's input at once (as OpenSSH's
    // sftp sends it; ssh forwards it when the session opens), so the engine starts while ssh logs in, and VERSION coming
    // back says the login is done and the control socket listens (ssh opens it before the session). No LocalCommand run
    // through the user's shell to say so, no polling for the socket.
    private async Task WaitReadyAsync(string target, CancellationToken cancellationToken)
    {
        var own = SftpEngine.StartWithHomeAsync(OpenSshTransport.OverMaster(_process, _stderr, target), Negotiation.Authenticated, cancellationToken);
        _ownSession = own;
        _ = own.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var first = await Task.WhenAny(own, Exited).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == own && own.IsCompletedSuccessfully)
        {
            // ssh wrote that it logged in before it opened the session; the reader of its standard error may lag behind.
            await Negotiation.Authenticated.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!File.Exists(ControlPath))
            {
                throw new OpenSshLoginException(
                    $"ssh logged in, but does not listen on its control socket {ControlPath} for the session's other channels ({_stderr.Explain()}).", loginFailed: false);
            }

            return;
        }

        // ssh ended (or its session failed) before it was ready: its standard error says why.
        var loggedIn = Negotiation.Authenticated.IsCompleted;
        var said = await _stderr.ExplainEndAsync(Exited, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        var engineSaid = own is { IsFaulted: true, Exception.InnerException: { } e } && loggedIn ? $"; {Redactor.Redact(e.Message)}" : "";
        throw new OpenSshLoginException(loggedIn ? $"ssh logged in, but its sftp session did not start ({said}{engineSaid})" : said, loginFailed: !loggedIn);
    }
}

/// <summary>ssh ended before logging in, or a channel could not be opened; the connector maps it to the session's errors.</summary>
/// <param name="said">What ssh said (redacted) and its exit code.</param>
/// <param name="loginFailed">True when the master's login failed, false when only a channel failed.</param>
internal sealed class OpenSshLoginException(string said, bool loginFailed) : Exception(said)
{
    /// <summary>True when the master's login failed.</summary>
    public bool LoginFailed => loginFailed;
}
