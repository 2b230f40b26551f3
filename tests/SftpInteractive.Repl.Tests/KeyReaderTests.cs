namespace SftpInteractive.Repl.Tests;

/// <summary>The keys a terminal sends, as the editor reads them: bracketed pastes as text, Esc+key as Alt, unknown
/// escape sequences dropped.</summary>
public sealed class KeyReaderTests
{
    [Fact]
    public void BracketedPaste_IsOneText_CrLfAsOneLineBreak_TabAsSpaces()
    {
        var reader = new KeyReader(new BytesTerminal("\x1b[200~a.b(\r\n\tc\rd\x1b[201~x"));
        var (_, paste) = reader.Read();
        Assert.Equal("a.b(\n    c\nd", paste);
        Assert.True(reader.TerminalMarksPastes);
        Assert.Equal('x', reader.Read().Key.KeyChar);
    }

    [Fact]
    public void EscThenKey_IsAltKey_UnknownSequenceIsDropped()
    {
        var reader = new KeyReader(new BytesTerminal("\x1b" + "b\x1b[I\x1b[99~z"));
        var alt = reader.Read().Key;
        Assert.Equal('b', alt.KeyChar);
        Assert.Equal(ConsoleModifiers.Alt, alt.Modifiers & ConsoleModifiers.Alt);
        Assert.Equal('z', reader.Read().Key.KeyChar); // ESC[I (focus in) and ESC[99~ typed nothing
        Assert.False(reader.TerminalMarksPastes);
    }

    /// <summary>Characters as .NET's console delivers an unknown sequence: one key each, all available at once.</summary>
    private sealed class BytesTerminal(string input) : ITerminal
    {
        private int _next;

        public event EventHandler? Interrupt { add { } remove { } }

        public int Width => 80;

        public bool ControlCAsKey { get; set; }

        public bool KeyAvailable => _next < input.Length;

        public ConsoleKeyInfo ReadKey()
        {
            var c = input[_next++];
            var key = c switch
            {
                '\x1b' => ConsoleKey.Escape,
                '\r' => ConsoleKey.Enter,
                '\t' => ConsoleKey.Tab,
                _ => char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : 0,
            };
            return new ConsoleKeyInfo(c, key, false, false, false);
        }

        public void Write(string text)
        {
        }
    }
}
