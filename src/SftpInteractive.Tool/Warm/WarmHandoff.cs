using System.Runtime.Versioning;
using System.Collections;
using System.Net.Sockets;
using System.Text;

namespace SftpInteractive.Tool.Warm;

/// <summary>What crosses the socket, all of it: the launcher's arguments, environment, current directory and umask;
/// the spare's "taken" byte once it holds the terminal; and at the end the session's exit code. Length-prefixed UTF-8.</summary>
[SupportedOSPlatform("linux")]
internal sealed record WarmHandoff(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string CurrentDirectory, uint Umask)
{
    /// <summary>The spare holds the terminal and runs the session.</summary>
    public const byte Taken = (byte)'T';

    /// <summary>Followed by the session's exit code (4 bytes, little-endian).</summary>
    public const byte Exited = (byte)'X';

    private const int Magic = 0x53465731; // "SFW1": a launcher and a spare of one identity speak one format
    private const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>This process's view, as the launcher sends it.</summary>
    public static WarmHandoff FromThisProcess(IReadOnlyList<string> arguments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var umask = Libc.Umask(0x12); // octal 022: umask is read by setting it, then put back
        _ = Libc.Umask(umask);
        return new WarmHandoff(arguments, environment, System.Environment.CurrentDirectory, umask);
    }

    public void Send(Socket socket)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentDirectory);
            writer.Write(Umask);
            writer.Write(Arguments.Count);
            foreach (var argument in Arguments)
            {
                writer.Write(argument);
            }

            writer.Write(Environment.Count);
            foreach (var (key, value) in Environment)
            {
                writer.Write(key);
                writer.Write(value);
            }
        }

        var length = BitConverter.GetBytes((int)body.Length);
        socket.Send(length);
        socket.Send(body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    /// <exception cref="IOException">The launcher went away or sent something else.</exception>
    public static WarmHandoff Receive(Socket socket)
    {
        var length = BitConverter.ToInt32(ReadExactly(socket, 4));
        if (length is <= 0 or > MaxBytes)
        {
            throw new IOException($"a handoff of {length} bytes");
        }

        using var reader = new BinaryReader(new MemoryStream(ReadExactly(socket, length)), Encoding.UTF8);
        if (reader.ReadInt32() != Magic)
        {
            throw new IOException("not a handoff of this format");
        }

        var directory = reader.ReadString();
        var umask = reader.ReadUInt32();
        var arguments = new string[reader.ReadInt32()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = reader.ReadString();
        }

        var count = reader.ReadInt32();
        var environment = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            environment[reader.ReadString()] = reader.ReadString();
        }

        return new WarmHandoff(arguments, environment, directory, umask);
    }

    /// <summary>Makes this process's environment, current directory and umask the launcher's.</summary>
    public void Apply()
    {
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (!Environment.ContainsKey((string)entry.Key))
            {
                System.Environment.SetEnvironmentVariable((string)entry.Key, null);
            }
        }

        foreach (var (key, value) in Environment)
        {
            System.Environment.SetEnvironmentVariable(key, value);
        }

        System.Environment.CurrentDirectory = CurrentDirectory;
        _ = Libc.Umask(Umask);
    }

    public static byte[] ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("the other side closed the socket");
            }

            read += n;
        }

        return buffer;
    }
}
