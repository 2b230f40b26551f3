using System.Collections.Concurrent;
using System.Text;
using SftpInteractive.Repl;

namespace SftpInteractive.Repl.Tests;

/// <summary>A terminal fed with scripted keys; records what the editor draws. Reading past the script ends the
/// session with Ctrl+D, so a test can never hang on input.</summary>
public sealed class ScriptedTerminal : ITerminal
{
    private readonly BlockingCollection<ConsoleKeyInfo> _keys = new();
    private readonly StringBuilder _screen = new();

    public event EventHandler? Interrupt;

    public int Width => 100;

    public bool ControlCAsKey { get; set; }

    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return _screen.ToString();
            }
        }
    }

    public ScriptedTerminal Type(string text)
    {
        foreach (var c in text)
        {
            _keys.Add(c switch
            {
                '\r' or '\n' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
                '\t' => new ConsoleKeyInfo('\t', ConsoleKey.Tab, false, false, false),
                _ => new ConsoleKeyInfo(c, char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : 0, char.IsUpper(c), false, false),
            });
        }

        return this;
    }

    public ScriptedTerminal Key(ConsoleKey key, bool control = false)
    {
        _keys.Add(new ConsoleKeyInfo(control && key == ConsoleKey.D ? '\x04' : '\0', key, false, false, control));
        return this;
    }

    public void RaiseInterrupt() => Interrupt?.Invoke(this, EventArgs.Empty);

    public ConsoleKeyInfo ReadKey() =>
        _keys.TryTake(out var key, TimeSpan.FromSeconds(30)) ? key : new ConsoleKeyInfo('\x04', ConsoleKey.D, false, false, true);

    public void Write(string text)
    {
        lock (_screen)
        {
            _screen.Append(text);
        }
    }
}
