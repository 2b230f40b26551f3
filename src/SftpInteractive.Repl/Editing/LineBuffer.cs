using System.Text;

namespace SftpInteractive.Repl;

/// <summary>The text being edited and the cursor in it; pure, so editing keys are easy to test.</summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    public void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = text.Length;
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    public void Backspace()
    {
        if (Cursor > 0)
        {
            _text.Remove(--Cursor, 1);
        }
    }

    public void Delete()
    {
        if (Cursor < _text.Length)
        {
            _text.Remove(Cursor, 1);
        }
    }

    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    public void WordLeft()
    {
        while (Cursor > 0 && _text[Cursor - 1] == ' ')
        {
            Cursor--;
        }

        while (Cursor > 0 && char.IsLetterOrDigit(_text[Cursor - 1]))
        {
            Cursor--;
        }
    }

    public void DeleteToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    public void DeleteWordLeft()
    {
        var end = Cursor;
        WordLeft();
        if (Cursor == end && Cursor > 0)
        {
            Cursor--;
        }

        _text.Remove(Cursor, end - Cursor);
    }

    /// <summary>Replaces <c>[start, end)</c> with <paramref name="replacement"/> and puts the cursor after it.</summary>
    public void Replace(int start, int end, string replacement)
    {
        start = Math.Clamp(start, 0, _text.Length);
        end = Math.Clamp(end, start, _text.Length);
        _text.Remove(start, end - start).Insert(start, replacement);
        Cursor = start + replacement.Length;
    }
}
