namespace SftpInteractive;

/// <summary>
/// The connection log, a view like <c>ssh -v</c>: SSH.NET's own log (it logs through Microsoft.Extensions.Logging) and
/// SftpInteractive's lines, at one <see cref="Level"/>, every line passed through <see cref="Redactor"/>. SSH.NET's
/// logging is process-wide, so this is too. Off until a level is set: by <c>SFTP_LOG</c> at connect, or explicitly
/// (<see cref="SetLevel"/>, the hosts' <c>#log</c>), which then wins over <c>SFTP_LOG</c>.
/// </summary>
public static class SftpLog
{
    private static readonly Lock Gate = new();
    private static volatile Action<string>? _writer;
    private static volatile int _level;
    private static bool _installed;
    private static bool _explicit;

    /// <summary>The current level.</summary>
    public static SftpLogLevel Level => (SftpLogLevel)_level;

    /// <summary>Where lines go (the REPL: stderr; the kernel: the running cell's stderr stream). Null drops them.</summary>
    public static Action<string>? Writer
    {
        get => _writer;
        set => _writer = value;
    }

    /// <summary>Sets the level explicitly (<c>#log debug</c>); later <c>SFTP_LOG</c> values no longer change it.</summary>
    public static void SetLevel(SftpLogLevel level)
    {
        lock (Gate)
        {
            _explicit = true;
            Apply(level);
        }
    }

    /// <summary>Parses <c>off</c>, <c>info</c>, <c>debug</c> or <c>trace</c> (also <c>-v</c>, <c>-vv</c>, <c>-vvv</c>).</summary>
    /// <exception cref="ArgumentException">Another word.</exception>
    public static SftpLogLevel Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "off" or "none" or "no" or "false" or "0" or "" => SftpLogLevel.Off,
        "info" or "-v" or "verbose" => SftpLogLevel.Info,
        "debug" or "-vv" => SftpLogLevel.Debug,
        "trace" or "-vvv" or "all" => SftpLogLevel.Trace,
        _ => throw new ArgumentException($"'{text}' is not a log level: use off, info, debug or trace.", nameof(text)),
    };

    /// <summary>Applies <c>SFTP_LOG</c> from the settings unless a level was set explicitly.</summary>
    internal static void ApplySetting(SftpLogLevel? level)
    {
        lock (Gate)
        {
            if (!_explicit && level is { } value)
            {
                Apply(value);
            }
        }
    }

    /// <summary>True when lines at <paramref name="level"/> are shown.</summary>
    internal static bool IsEnabled(SftpLogLevel level) => level != SftpLogLevel.Off && _level >= (int)level && _writer is not null;

    /// <summary>Writes an info line (a connection step).</summary>
    internal static void Info(string message) => Write(SftpLogLevel.Info, "sftpi", message);

    /// <summary>Writes a debug line.</summary>
    internal static void Debug(string message) => Write(SftpLogLevel.Debug, "sftpi", message);

    /// <summary>Writes one line, redacted.</summary>
    internal static void Write(SftpLogLevel level, string source, string message)
    {
        if (IsEnabled(level) && _writer is { } writer)
        {
            writer(Redactor.Redact($"{level.ToString().ToLowerInvariant()}: {source}: {message}"));
        }
    }

    private static void Apply(SftpLogLevel level)
    {
        _level = (int)level;
        if (level != SftpLogLevel.Off && !_installed)
        {
            // SSH.NET takes its loggers from this factory when a session is created; ours asks Level on every line.
            Renci.SshNet.SshNetLoggingConfiguration.InitializeLogging(new SshNetLogFactory());
            _installed = true;
        }
    }
}
