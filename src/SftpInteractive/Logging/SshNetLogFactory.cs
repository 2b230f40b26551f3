using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SftpInteractive;

/// <summary>Hands SSH.NET loggers that write into <see cref="SftpLog"/> (no Microsoft.Extensions.Logging host needed).</summary>
internal sealed partial class SshNetLogFactory : ILoggerFactory
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new SshNetLogger(categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed partial class SshNetLogger(string category) : ILogger
    {
        // "Renci.SshNet.Session" → "ssh.net Session"
        private readonly string _source = "ssh.net " + category[(category.LastIndexOf('.') + 1)..];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Trace stays enabled at Debug: authentication messages are picked out of it below.
        public bool IsEnabled(LogLevel logLevel) => SftpLog.IsEnabled(logLevel == LogLevel.Trace ? SftpLogLevel.Debug : Map(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = SessionId().Replace(formatter(state, exception), "[$1]");
            // What ssh -v shows at its first level: the auth requests and the server's answers ("can continue: ...").
            var level = logLevel == LogLevel.Trace && text.Contains("SSH_MSG_USERAUTH", StringComparison.Ordinal) ? SftpLogLevel.Debug : Map(logLevel);
            if (SftpLog.IsEnabled(level))
            {
                SftpLog.Write(level, _source, exception is null ? text : $"{text} ({exception.GetType().Name}: {exception.Message})");
            }
        }

        // SSH.NET names sessions by their 64-byte id in hex; eight digits tell them apart.
        [GeneratedRegex("\\[([0-9A-F]{8})[0-9A-F]{24,}\\]")]
        private static partial Regex SessionId();

        // SSH.NET logs its handshake and messages at Debug, algorithm lists at Trace; warnings and errors always show.
        private static SftpLogLevel Map(LogLevel level) => level switch
        {
            LogLevel.Trace => SftpLogLevel.Trace,
            LogLevel.Debug => SftpLogLevel.Debug,
            LogLevel.None => SftpLogLevel.Off,
            _ => SftpLogLevel.Info,
        };
    }
}
