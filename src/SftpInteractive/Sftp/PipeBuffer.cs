using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace SftpInteractive;

/// <summary>
/// Enlarges the kernel buffer of a pipe to a child process (Linux <c>F_SETPIPE_SZ</c>). The default 64 KiB holds less
/// than one 255 KiB SFTP data reply: the child (ssh) then blocks and wakes us once per 64 KiB. Nothing in .NET sets a
/// pipe's size, so it is libc's <c>fcntl</c>; elsewhere (macOS, Windows) it does nothing.
/// </summary>
internal static class PipeBuffer
{
    /// <summary>The size asked for: Linux's default /proc/sys/fs/pipe-max-size, which an unprivileged process may set.</summary>
    public const int Wanted = 1024 * 1024;

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)

    /// <summary>Asks for <see cref="Wanted"/> bytes of buffer on the pipe under <paramref name="stream"/>; returns the
    /// size the kernel granted, or 0 when it could not be changed (then the default stays, which only costs speed).</summary>
    public static int Enlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return 0;
        }

        var granted = Resize((int)pipe.SafePipeHandle.DangerousGetHandle(), Wanted);
        return granted > 0 ? granted : 0;
    }

    /// <summary>Asks for <paramref name="size"/> bytes of buffer on the pipe <paramref name="fd"/> (Linux); the size the
    /// kernel granted, or a negative number when it refused.</summary>
    internal static int Resize(int fd, int size) => Fcntl(fd, SetPipeSize, size);

    // Blittable arguments only: no marshalling code, so no generated (unsafe) stub is needed.
    [DllImport("libc", EntryPoint = "fcntl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fcntl(int fd, int command, int argument);
}
