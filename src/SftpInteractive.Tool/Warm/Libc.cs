using System.Runtime.InteropServices;

namespace SftpInteractive.Tool.Warm;

/// <summary>The few libc calls a warm start needs that .NET has no API for: taking over another process's terminal
/// (open, dup2), checking it is one (isatty), and forwarding signals to the spare (kill). Linux only.</summary>
internal static partial class Libc
{
    public const int ReadWrite = 0x2; // O_RDWR
    public const int NoControllingTerminal = 0x100; // O_NOCTTY (Linux)
    public const int CloseOnExec = 0x80000; // O_CLOEXEC (Linux)

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();

    /// <summary>Puts <paramref name="fd"/> on the process's standard input, output and error, then closes it.</summary>
    public static void OnStandardStreams(int fd)
    {
        for (var target = 0; target <= 2; target++)
        {
            if (Dup2(fd, target) < 0)
            {
                throw new IOException($"dup2 onto fd {target} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }

        if (fd > 2)
        {
            _ = Close(fd);
        }
    }
}
