using System.Diagnostics;
using System.Net.Sockets;

namespace SftpInteractive.Testing;

/// <summary>
/// A real OpenSSH ssh-agent on a private socket, started in the foreground (-D) by the test and ended by its process
/// id. With refuseToSign it starts with an askpass that says no, so keys added with confirmation
/// (<c>ssh-add -c</c>) are refused at every signature, as when a user denies the confirmation dialog.
/// </summary>
internal sealed class TestAgent : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sftpi-agent-");
    private readonly Process _process;

    private TestAgent(bool refuseToSign)
    {
        Socket = Path.Combine(_dir.FullName, "agent.sock");
        var psi = new ProcessStartInfo("ssh-agent", ["-D", "-a", Socket]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (refuseToSign)
        {
            psi.Environment["SSH_ASKPASS"] = "/bin/false";
            psi.Environment["SSH_ASKPASS_REQUIRE"] = "force";
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start ssh-agent.");
    }

    /// <summary>The agent's socket (what SSH_AUTH_SOCK would hold).</summary>
    public string Socket { get; }

    /// <summary>Starts an agent and waits (bounded) until its socket accepts connections.</summary>
    public static async Task<TestAgent> StartAsync(CancellationToken cancellationToken, bool refuseToSign = false)
    {
        var agent = new TestAgent(refuseToSign);
        if (!await Poll.UntilAsync(() => agent.Accepts() || agent._process.HasExited, TimeSpan.FromSeconds(10), cancellationToken)
            || agent._process.HasExited)
        {
            agent.Dispose();
            throw new InvalidOperationException("ssh-agent did not accept connections on its socket within 10 s.");
        }

        return agent;
    }

    // The socket file appears when ssh-agent binds it, a moment before it listens: a client in between is refused
    // (a full suite's ssh-add once was), so the agent is ready only once a connection succeeds.
    private bool Accepts()
    {
        if (!File.Exists(Socket))
        {
            return false;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(Socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs ssh-add against this agent (e.g. a key path, or "-d", path, or "-c", path).</summary>
    public async Task AddAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var psi = new ProcessStartInfo("ssh-add", arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["SSH_AUTH_SOCK"] = Socket;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var output = await process.StandardError.ReadToEndAsync(cancellationToken) + await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"ssh-add {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _dir.Delete(recursive: true);
    }
}
