using System.Diagnostics;

namespace SftpInteractive.Scripting;

/// <summary>
/// Where start-up time goes: with <c>SFTPI_STARTUP_TRACE=1</c> in the environment, every host and the engine write
/// <c>[startup +123 ms] what</c> lines to stderr, counted from the process start. Off (and free) otherwise.
/// </summary>
public static class StartupTrace
{
    private static readonly DateTime? ProcessStart = Environment.GetEnvironmentVariable("SFTPI_STARTUP_TRACE") == "1"
        ? Process.GetCurrentProcess().StartTime.ToUniversalTime()
        : null;

    /// <summary>Whether marks are written.</summary>
    public static bool Enabled => ProcessStart is not null;

    /// <summary>Writes one mark (when enabled).</summary>
    /// <param name="what">What has just happened.</param>
    public static void Mark(string what)
    {
        if (ProcessStart is { } start)
        {
            Console.Error.WriteLine($"[startup +{(DateTime.UtcNow - start).TotalMilliseconds:F0} ms] {what}");
        }
    }
}
