using System.Runtime.Versioning;
using System.Runtime.InteropServices;

namespace SftpInteractive.Tool.Warm;

/// <summary>The signals a terminal sends to its foreground process group, with their Linux numbers (what kill takes;
/// <see cref="PosixSignal"/>'s values are .NET's own).</summary>
[SupportedOSPlatform("linux")]
internal static class LinuxSignals
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Quit = 3;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;
    public const int WindowChange = 28;

    /// <summary>Each forwarded signal and what the spare gets for it: a stop from the terminal (Ctrl+Z) arrives as
    /// SIGSTOP, because the spare's process group has no terminal and the kernel discards SIGTSTP there.</summary>
    public static readonly (PosixSignal Signal, int Forward, bool Default)[] Forwarded =
    [
        (PosixSignal.SIGINT, Interrupt, false),
        (PosixSignal.SIGQUIT, Quit, false),
        (PosixSignal.SIGTERM, Terminate, false),
        (PosixSignal.SIGHUP, Hangup, false),
        (PosixSignal.SIGWINCH, WindowChange, false),
        (PosixSignal.SIGTSTP, Stop, true), // and the launcher stops too, as a shell's job control expects
        (PosixSignal.SIGCONT, Continue, true),
    ];
}
