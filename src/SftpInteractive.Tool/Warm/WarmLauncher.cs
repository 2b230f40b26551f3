using System.Runtime.Versioning;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SftpInteractive.Tool.Warm;

/// <summary>The first thing <c>sftpi</c> does in an interactive terminal: hand the session to a waiting warm spare
/// (its terminal, arguments, environment, directory), forward the terminal's signals to it and exit with its exit
/// code. Kept small: nothing heavy loads before the spare answers or the cold start begins.</summary>
[SupportedOSPlatform("linux")]
internal static class WarmLauncher
{
    /// <summary>How long a spare may take between accepting and holding the terminal before the launcher starts cold.</summary>
    private static readonly TimeSpan TakeOverTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the launcher waits, after the exit code, for the spare's process to end (it restores the
    /// terminal's modes as it ends, before the shell takes the terminal back).</summary>
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(5);

    private static readonly HashSet<string> ColdCommands = new(StringComparer.Ordinal) { "demo", "kernel", "run", "convert", "warm" };

    /// <summary>The hidden argument a spare is started with.</summary>
    public const string SpareArgument = "--warm-spare";

    /// <summary>Whether warm starts are on for an interactive session of this process: Linux, not
    /// <c>SFTPI_WARM=0</c>, and standard input, output and error all one terminal.</summary>
    public static bool Enabled()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("SFTPI_WARM") == "0")
        {
            return false;
        }

        if (Libc.IsATty(0) != 1 || Libc.IsATty(1) != 1 || Libc.IsATty(2) != 1)
        {
            return false;
        }

        var input = new FileInfo("/proc/self/fd/0").LinkTarget;
        return input is not null && input == new FileInfo("/proc/self/fd/1").LinkTarget && input == new FileInfo("/proc/self/fd/2").LinkTarget;
    }

    /// <summary>Whether <paramref name="args"/> start the REPL (not a subcommand, help, or <c>--no-warm</c>).</summary>
    public static bool IsReplInvocation(string[] args)
    {
        if (args.Length > 0 && ColdCommands.Contains(args[0]))
        {
            return false;
        }

        return !args.Any(a => a is "--no-warm" or "-h" or "--help" or "-?" or "/?" or "/h" or "--version" || a.StartsWith('['));
    }

    /// <summary>Runs the session in a waiting spare; null when there is none (or it did not take over): start cold.</summary>
    public static int? TryRun(string[] args)
    {
        if (!IsReplInvocation(args) || !Enabled())
        {
            return null;
        }

        WarmPaths paths;
        try
        {
            paths = WarmPaths.ForThisTool(create: false);
        }
        catch (IOException)
        {
            return null;
        }

        if (!File.Exists(paths.Socket))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(paths.Socket));
            var spare = PeerCredentials.Of(socket);
            if (!spare.IsThisUser)
            {
                socket.Dispose();
                return null;
            }

            WarmHandoff.FromThisProcess(args).Send(socket);
            socket.ReceiveTimeout = (int)TakeOverTimeout.TotalMilliseconds;
            if (WarmHandoff.ReadExactly(socket, 1)[0] != WarmHandoff.Taken)
            {
                socket.Dispose();
                return null;
            }

            socket.ReceiveTimeout = 0;
            return Serve(socket, spare.Pid);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            socket.Dispose(); // the spare sees EOF and ends; this session starts cold
            return null;
        }
    }

    private static int Serve(Socket socket, int sparePid)
    {
        using (socket)
        {
            var lastSignal = 0;
            var registrations = LinuxSignals.Forwarded.Select(f => PosixSignalRegistration.Create(f.Signal, context =>
            {
                Volatile.Write(ref lastSignal, f.Forward);
                _ = Libc.Kill(sparePid, f.Forward);
                context.Cancel = !f.Default;
            })).ToList();
            try
            {
                int? code = null;
                try
                {
                    var message = WarmHandoff.ReadExactly(socket, 5);
                    code = message[0] == WarmHandoff.Exited ? BitConverter.ToInt32(message, 1) : null;
                    socket.ReceiveTimeout = (int)EndTimeout.TotalMilliseconds;
                    var rest = new byte[16];
                    while (socket.Receive(rest) > 0)
                    {
                    }
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                }

                if (code is { } exitCode)
                {
                    return exitCode;
                }

                var signal = Volatile.Read(ref lastSignal);
                if (signal is LinuxSignals.Hangup or LinuxSignals.Terminate or LinuxSignals.Interrupt or LinuxSignals.Quit)
                {
                    return 128 + signal;
                }

                Console.Error.WriteLine($"sftpi: the warm session (process {sparePid}) ended without an exit code; `sftpi --no-warm` starts without one");
                return 1;
            }
            finally
            {
                foreach (var registration in registrations)
                {
                    registration.Dispose();
                }
            }
        }
    }
}
