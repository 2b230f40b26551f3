using System.Runtime.Versioning;
using System.Net.Sockets;

namespace SftpInteractive.Tool.Warm;

/// <summary>The served session's side of the socket once it runs: the exit code goes to the launcher once, as the
/// process ends (however it ends: the REPL returning, <c>#exit</c>, <c>Environment.Exit</c> in a submission); and if
/// the launcher goes away (killed, its terminal closed), the session ends too.</summary>
[SupportedOSPlatform("linux")]
internal sealed class SessionExit(Socket socket)
{
    private int _sent;

    public void Send(int code)
    {
        if (Interlocked.Exchange(ref _sent, 1) == 1)
        {
            return;
        }

        try
        {
            var message = new byte[5];
            message[0] = WarmHandoff.Exited;
            BitConverter.TryWriteBytes(message.AsSpan(1), code);
            socket.Send(message);

            // Not closed: the launcher waits for the socket's end, which comes when this process has ended and
            // restored the terminal's modes, before the shell takes the terminal back.
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Blocks until the launcher's end of the socket closes, then ends this process.</summary>
    public void WatchLauncher()
    {
        var buffer = new byte[1];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }

        if (Volatile.Read(ref _sent) == 0)
        {
            Environment.Exit(128 + LinuxSignals.Hangup); // as a cold session whose terminal went away
        }

    }
}
