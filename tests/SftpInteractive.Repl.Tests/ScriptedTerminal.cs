using System.Collections.Concurrent;
using System.Text;
using SftpInteractive.Repl;

namespace SftpInteractive.Repl.Tests;

/// <summary>A terminal fed with scripted keys; records what the editor draws. Reading past the script ends the
/// session with Ctrl+D, so a test can never hang on input.</summary>
public sealed class ScriptedTerminal : ITerminal
{
    private readonly BlockingCollection<object> _keys = new();
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

    /// <summary>The next key is read only once the screen shows <paramref name="text"/> (answers such as completion
    /// arrive in the background; keys typed before them make them stale). Bounded: after 30 s the keys go on.</summary>
    public ScriptedTerminal WaitFor(string text)
    {
        _keys.Add(text);
        return this;
    }

    /// <summary>The next key is read only once <paramref name="condition"/> holds. Bounded: after 30 s the keys go on.</summary>
    public ScriptedTerminal Until(Func<bool> condition)
    {
        _keys.Add(condition);
        return this;
    }

    public ScriptedTerminal Key(ConsoleKey key, bool control = false)
    {
        _keys.Add(new ConsoleKeyInfo(control && key == ConsoleKey.D ? '\x04' : '\0', key, false, false, control));
        return this;
    }

    public void RaiseInterrupt() => Interrupt?.Invoke(this, EventArgs.Empty);

    public ConsoleKeyInfo ReadKey()
    {
        while (_keys.TryTake(out var item, TimeSpan.FromSeconds(30)))
        {
            if (item is ConsoleKeyInfo key)
            {
                return key;
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            var condition = item as Func<bool> ?? (() => Screen.Contains((string)item, StringComparison.Ordinal));
            while (!condition() && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        return new ConsoleKeyInfo('\x04', ConsoleKey.D, false, false, true);
    }

    public void Write(string text)
    {
        lock (_screen)
        {
            _screen.Append(text);
        }
    }
}
