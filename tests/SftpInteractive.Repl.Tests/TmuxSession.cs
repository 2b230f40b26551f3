using System.Diagnostics;

namespace SftpInteractive.Repl.Tests;

/// <summary>A real terminal: tmux runs a command in a detached session; tests type keys and read the screen. Every
/// wait is bounded and reports the screen when it gives up. Each session runs its own tmux server (<c>-L</c>): with one
/// shared server, a session ending in one test (or in another process) can take the server down while another test is
/// starting its session ("server exited unexpectedly").</summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _name = "sftpi-test-" + Guid.NewGuid().ToString("N")[..8];
    private int _promptsSeen;

    private TmuxSession() { }

    public static TmuxSession Start(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists("/usr/bin/tmux"))
        {
            Assert.Skip("tmux is not installed (apt-get install tmux)");
        }

        var session = new TmuxSession();
        var env = string.Join(' ', (environment ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}='{kv.Value}'"));
        session.Tmux("new-session", "-d", "-s", session._name, "-x", "120", "-y", "40", $"env TERM=xterm-256color {env} {command}");
        return session;
    }

    /// <summary>Types text literally (no key-name interpretation). tmux still reads an argument ending in ';' as a
    /// command separator, so that one is escaped.</summary>
    public void Type(string text) => Tmux("send-keys", "-t", _name, "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);

    /// <summary>Presses named keys: Enter, Tab, C-c, C-d, Up.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", _name, .. keys]);

    public string Screen() => Tmux("capture-pane", "-p", "-t", _name);

    public bool IsAlive() => Run(["has-session", "-t", _name]).Code == 0;

    public string WaitFor(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        var screen = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            // The session may end between two calls (Ctrl+D): keep the last screen seen then.
            var (code, output) = Run(["capture-pane", "-p", "-t", _name]);
            screen = code == 0 ? output : screen;
            if (condition(screen))
            {
                return screen;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"waited for {what}; the screen shows:\n{screen}");
    }

    public string WaitForText(string text, TimeSpan? timeout = null) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    /// <summary>Waits until a prompt newer than the last one waited for is the last non-empty line, empty (the REPL is
    /// ready for input again). Counting prompts over the whole scrollback matters on a loaded machine: right after keys are
    /// sent the screen may not show them yet, and the old empty prompt must not pass for the next one.</summary>
    public string WaitForPrompt(TimeSpan? timeout = null)
    {
        var seen = _promptsSeen;
        WaitFor(_ =>
        {
            var all = Run(["capture-pane", "-p", "-S", "-", "-t", _name]).Output.Split('\n');
            var count = all.Count(l => l.StartsWith("sftpi>", StringComparison.Ordinal));
            if (count > seen && all.LastOrDefault(l => l.Trim().Length > 0)?.TrimEnd() == "sftpi>")
            {
                seen = count;
                return true;
            }

            return false;
        }, "an empty prompt", timeout);
        _promptsSeen = seen;
        return Screen();
    }

    public void Dispose() => Run(["kill-server"]);

    private string Tmux(params string[] arguments)
    {
        var (code, output) = Run(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {output}");
    }

    private (int Code, string Output) Run(string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_name);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        return (process.ExitCode, output);
    }
}
