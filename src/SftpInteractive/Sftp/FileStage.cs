using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SftpInteractive;

/// <summary>
/// A pipe of our own that holds one write's worth of a local file's bytes on their way to ssh, moved by the kernel
/// (Linux <c>splice(2)</c>): from the file's page cache into this pipe (<see cref="Fill"/>, which also says how many
/// bytes there were, before the packet's header promises a length), then from this pipe into ssh's standard input
/// (<see cref="Drain"/>). Neither step copies the data through our memory: a put over OpenSSH otherwise copies each byte
/// three times in this process (the read, the packet, the pipe write), which on a 512 MiB loopback put was about a
/// quarter of a second of CPU. Only on Linux; <see cref="TryCreate"/> answers null elsewhere, and a file the kernel cannot
/// splice from (<see cref="Fill"/> returns -1) is read and copied as before.
/// </summary>
internal sealed class FileStage : IDisposable
{
    private const int CloseOnExec = 0x80000; // O_CLOEXEC
    private const uint Move = 1; // SPLICE_F_MOVE
    private const uint NonBlocking = 2; // SPLICE_F_NONBLOCK: the pipe side only
    private const int Interrupted = 4; // EINTR
    private const int Full = 11; // EAGAIN

    private readonly int _read;
    private readonly int _write;
    private int _staged;
    private int _disposed;

    private FileStage(int read, int write) => (_read, _write) = (read, write);

    /// <summary>A stage for writes of up to <paramref name="largestWrite"/> bytes, or null where the kernel cannot do this.</summary>
    public static FileStage? TryCreate(int largestWrite)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fds = new int[2];
        if (Pipe2(fds, CloseOnExec) != 0)
        {
            return null;
        }

        // A pipe holds pages, not bytes: a write that starts and ends inside a page takes two more of its slots than its
        // length in pages. Twice the write leaves room for that; filling never blocks anyway (a full stage sends less).
        var stage = new FileStage(fds[0], fds[1]);
        if (PipeBuffer.Resize(fds[1], 2 * largestWrite) < 2 * largestWrite)
        {
            stage.Dispose();
            return null;
        }

        return stage;
    }

    /// <summary>Moves up to <paramref name="count"/> bytes of <paramref name="file"/> from <paramref name="position"/> into
    /// the (empty) stage: the number moved (less at the end of the file, or when the stage is full), or -1 when this file
    /// cannot be spliced (nothing was moved then).</summary>
    /// <exception cref="IOException">The file could not be read.</exception>
    public int Fill(SafeFileHandle file, long position, int count)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Discard(); // what a write that could not be sent left behind (its engine had closed)
        var fd = (int)file.DangerousGetHandle();
        var offset = position;
        var moved = 0;
        while (moved < count)
        {
            var n = SpliceFromFile(fd, ref offset, _write, 0, (nuint)(count - moved), Move | NonBlocking);
            if (n > 0)
            {
                moved += (int)n;
                continue;
            }

            if (n == 0)
            {
                break; // the end of the file
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted)
            {
                continue;
            }

            if (errno == Full && moved > 0)
            {
                break; // the rest goes in the next write
            }

            if (moved == 0 && errno is 22 or 38 or 95 or Full) // EINVAL, ENOSYS, EOPNOTSUPP: this file system does not splice
            {
                return -1;
            }

            throw new IOException($"Could not read the local file at {offset:N0} (splice: errno {errno}).");
        }

        _staged = moved;
        return moved;
    }

    /// <summary>Moves everything <see cref="Fill"/> staged into the pipe <paramref name="destination"/> (blocking while it
    /// is full).</summary>
    /// <exception cref="IOException">The destination is gone; part of the bytes may have gone.</exception>
    public void Drain(SafeHandle destination)
    {
        var fd = (int)destination.DangerousGetHandle();
        while (_staged > 0)
        {
            var n = SplicePipes(_read, 0, fd, 0, (nuint)_staged, Move);
            if (n > 0)
            {
                _staged -= (int)n;
                continue;
            }

            var errno = n == 0 ? 0 : Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                throw new IOException($"Could not pass the file's bytes to ssh (splice: errno {errno}).");
            }
        }
    }

    private void Discard()
    {
        var scratch = _staged > 0 ? new byte[Math.Min(_staged, 64 * 1024)] : [];
        while (_staged > 0)
        {
            var n = Read(_read, scratch, (nuint)Math.Min(_staged, scratch.Length));
            if (n <= 0 && Marshal.GetLastPInvokeError() != Interrupted)
            {
                throw new IOException("Could not empty the stage of a write that was not sent.");
            }

            _staged -= (int)Math.Max(n, 0);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = Close(_read);
            _ = Close(_write);
        }
    }

    // Blittable arguments only (an int array and a long are pinned, not marshalled).
    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Pipe2(int[] fds, int flags);

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint SpliceFromFile(int input, ref long inputOffset, int output, nint outputOffset, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint SplicePipes(int input, nint inputOffset, int output, nint outputOffset, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
