using System.Text;

namespace SftpInteractive.Repl;

/// <summary>
/// Keys from the terminal as the editor wants them: a bracketed paste (<c>ESC[200~</c> … <c>ESC[201~</c>, sent by
/// terminals once <see cref="EnablePaste"/> asked for it) comes back as one piece of text, Esc followed at once by a
/// key as that key with Alt, and other escape sequences the runtime does not know (they arrive as Esc, <c>[</c>,
/// digits, a final character) are dropped instead of being typed.
/// </summary>
internal sealed class KeyReader(ITerminal terminal)
{
    /// <summary>Asks the terminal to mark pasted text (xterm's bracketed paste mode, DEC private mode 2004).</summary>
    public const string EnablePaste = "\x1b[?2004h";

    /// <summary>Turns the marks off again: written before a submission runs and when the editor is left.</summary>
    public const string DisablePaste = "\x1b[?2004l";

    private const string PasteStart = "200";
    private const string PasteEnd = "201";

    /// <summary>True once a marked paste has arrived: the terminal marks pastes, so a burst of keys is typing.</summary>
    public bool TerminalMarksPastes { get; private set; }

    /// <summary>Reads the next key, or the whole text of a bracketed paste (line breaks as <c>\n</c>).</summary>
    public (ConsoleKeyInfo Key, string? Paste) Read()
    {
        while (true)
        {
            var key = terminal.ReadKey();
            if (key.Key != ConsoleKey.Escape || key.Modifiers != 0 || !terminal.KeyAvailable)
            {
                return (key, null);
            }

            var next = terminal.ReadKey();
            if (next.KeyChar != '[')
            {
                // Alt+key arrives as Esc then the key when the terminal does not say Alt itself.
                return (new ConsoleKeyInfo(next.KeyChar, next.Key, (next.Modifiers & ConsoleModifiers.Shift) != 0, alt: true,
                    (next.Modifiers & ConsoleModifiers.Control) != 0), null);
            }

            if (!terminal.KeyAvailable)
            {
                return (new ConsoleKeyInfo('[', 0, false, alt: true, false), null);
            }

            if (Sequence() == PasteStart)
            {
                TerminalMarksPastes = true;
                return (default, ReadPaste());
            }

            // An unknown sequence (focus report, a stray paste end): nothing to type.
        }
    }

    /// <summary>The parameters and final character of a CSI sequence after <c>ESC[</c> (the final <c>~</c> dropped).</summary>
    private string Sequence()
    {
        var parameters = new StringBuilder();
        for (var i = 0; i < 32; i++)
        {
            var c = terminal.ReadKey().KeyChar;
            if (c is (>= '0' and <= '9') or ';')
            {
                parameters.Append(c);
                continue;
            }

            return c == '~' ? parameters.ToString() : parameters.Append(c).ToString();
        }

        return parameters.ToString();
    }

    /// <summary>Everything up to the paste's end mark, as text: Enter as a line break, Tab as four spaces (the editor
    /// counts columns by characters), other control characters dropped.</summary>
    private string ReadPaste()
    {
        var text = new StringBuilder();
        var afterReturn = false;
        while (true)
        {
            var key = terminal.ReadKey();
            var c = key.KeyChar;
            var lineFeedAfterReturn = afterReturn && c == '\n';
            afterReturn = c == '\r';
            if (key.Key == ConsoleKey.Escape && c == '\x1b')
            {
                var bracket = terminal.ReadKey().KeyChar;
                if (bracket == '[' && Sequence() == PasteEnd)
                {
                    return text.ToString();
                }

                continue;
            }

            if (lineFeedAfterReturn)
            {
                continue; // CR LF: one line break
            }

            if (c is '\r' or '\n')
            {
                text.Append('\n');
            }
            else if (c == '\t')
            {
                text.Append("    ");
            }
            else if (c != '\0' && !char.IsControl(c))
            {
                text.Append(c);
            }
        }
    }
}
