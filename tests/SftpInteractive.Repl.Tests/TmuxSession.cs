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
        // Cold starts unless a test asks for warm ones (WarmStartTests, with a directory of its own): no test leaves a
        // warm spare behind, and no test is served by another's.
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        variables.TryAdd("SFTPI_WARM", "0");
        var env = string.Join(' ', variables.Select(kv => $"{kv.Key}='{kv.Value}'"));
        session.Tmux("new-session", "-d", "-s", session._name, "-x", "120", "-y", "40", $"env TERM=xterm-256color {env} {command}");
        return session;
    }

    /// <summary>Types text literally (no key-name interpretation). tmux still reads an argument ending in ';' as a
    /// command separator, so that one is escaped.</summary>
    public void Type(string text) => Tmux("send-keys", "-t", _name, "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);

    /// <summary>Presses named keys: Enter, Tab, C-c, C-d, Up.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", _name, .. keys]);

    public string Screen() => Tmux("capture-pane", "-p", "-t", _name);

    /// <summary>Waits until the screen with its colours (SGR sequences as tmux writes them, <c>capture-pane -e</c>)
    /// satisfies <paramref name="condition"/>.</summary>
    public string WaitForColors(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        var screen = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var (code, output) = Run(["capture-pane", "-e", "-p", "-t", _name]);
            screen = code == 0 ? output : screen;
            if (condition(screen))
            {
                return screen;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"waited for {what}; the screen (with colours, ESC shown as ^[) shows:\n{screen.Replace("\x1b", "^[", StringComparison.Ordinal)}");
    }

    /// <summary>Changes the window's size, as a user dragging the terminal's edge (the program gets SIGWINCH), and
    /// returns once the program's terminal has the new size. tmux re-wraps its screen at once but tells the program
    /// (sets the pty's size, which sends SIGWINCH) later in its loop: keys sent in between reach a program that cannot
    /// know yet that the screen it draws on has changed (a person cannot type that fast after a drag).</summary>
    public void Resize(int columns, int rows)
    {
        var (x, y) = (columns.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Tmux("resize-window", "-t", _name, "-x", x, "-y", y);
        var tty = Tmux("display-message", "-p", "-t", _name, "#{pane_tty}").Trim();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var size = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var stty = Process.Start(new ProcessStartInfo("stty", ["-F", tty, "size"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            size = stty.StandardOutput.ReadToEnd().Trim();
            stty.WaitForExit();
            if (size == $"{y} {x}")
            {
                return;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"the terminal {tty} still says {size} (rows columns), not {y} {x}");
    }

    /// <summary>Puts <paramref name="text"/> in a tmux buffer and pastes it as a terminal does: between bracketed paste
    /// marks when the program asked for them (<c>paste-buffer -p</c>); its line breaks arrive as carriage returns.
    /// <paramref name="bracketed"/> false pastes without marks, as a terminal that has none.</summary>
    public void Paste(string text, bool bracketed = true)
    {
        Tmux("set-buffer", "-b", "sftpi-paste", text);
        Tmux(["paste-buffer", .. bracketed ? new[] { "-p" } : [], "-b", "sftpi-paste", "-t", _name]);
    }

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
