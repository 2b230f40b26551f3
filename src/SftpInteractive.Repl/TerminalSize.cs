using System.Runtime.InteropServices;

namespace SftpInteractive.Repl;

/// <summary>
/// The terminal's size as the kernel knows it now. <see cref="Console.WindowWidth"/> is cached by .NET and refreshed
/// by the runtime's own SIGWINCH handling, which races with ours: a redraw in our handler could read the width from
/// before the resize, draw from the wrong row and leave a stale copy of the line above (seen in tmux, a third of the
/// resizes). Asking the terminal (TIOCGWINSZ) is exact; elsewhere, or when it fails, the console's value is used.
/// </summary>
internal static partial class TerminalSize
{
    private const int StandardOutput = 1;
    private const nuint LinuxGetWindowSize = 0x5413;

    /// <summary>The width of the terminal on standard output in columns, or null when it cannot be asked.</summary>
    public static int? Columns()
    {
        if (!OperatingSystem.IsLinux() || (RuntimeInformation.ProcessArchitecture != Architecture.X64 && RuntimeInformation.ProcessArchitecture != Architecture.Arm64))
        {
            return null;
        }

        try
        {
            return GetWindowSize(StandardOutput, LinuxGetWindowSize, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int GetWindowSize(int fd, nuint request, out WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }
}
