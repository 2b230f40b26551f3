using System.Text;

namespace SftpInteractive.Repl;

/// <summary>The submission being edited (one or more lines) and the cursor in it; pure, so editing keys are easy to
/// test. Home/End and Up/Down work on the cursor's line.</summary>
internal sealed class LineBuffer
{
    private const int IndentWidth = 4;
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    /// <summary>Changes with every edit, so an answer computed for older text is recognised and dropped.</summary>
    public int Version { get; private set; }

    public int LineStart => LineStartOf(Cursor);

    public int LineEnd
    {
        get
        {
            var end = Cursor;
            while (end < _text.Length && _text[end] != '\n')
            {
                end++;
            }

            return end;
        }
    }

    public bool OnFirstLine => LineStart == 0;

    public bool OnLastLine => LineEnd == _text.Length;

    public void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = text.Length;
        Version++;
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
        Version++;
    }

    /// <summary>Starts a new line, indented like the current one and one step more after an opening brace.</summary>
    public void NewLine()
    {
        var start = LineStart;
        var indent = 0;
        while (start + indent < Cursor && _text[start + indent] == ' ')
        {
            indent++;
        }

        var before = _text.ToString(start, Cursor - start).TrimEnd();
        if (before.EndsWith('{') || before.EndsWith('('))
        {
            indent += IndentWidth;
        }

        Insert("\n" + new string(' ', indent));
    }

    /// <summary>Types a closing brace; on a line of only spaces it first steps one indentation back.</summary>
    public void CloseBrace()
    {
        var start = LineStart;
        var spaces = Cursor - start;
        if (spaces >= IndentWidth && _text.ToString(start, spaces).Trim().Length == 0)
        {
            _text.Remove(Cursor - IndentWidth, IndentWidth);
            Cursor -= IndentWidth;
        }

        Insert("}");
    }

    public void Backspace()
    {
        if (Cursor > 0)
        {
            _text.Remove(--Cursor, 1);
            Version++;
        }
    }

    public void Delete()
    {
        if (Cursor < _text.Length)
        {
            _text.Remove(Cursor, 1);
            Version++;
        }
    }

    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void Home()
    {
        // First to the line's first non-blank character, then to its very start.
        var start = LineStart;
        var first = start;
        while (first < _text.Length && _text[first] == ' ')
        {
            first++;
        }

        Cursor = Cursor == first ? start : first;
    }

    public void End() => Cursor = LineEnd;

    public void BufferEnd() => Cursor = _text.Length;

    /// <summary>Moves to the previous line at the same column (or its end); false on the first line.</summary>
    public bool Up()
    {
        var start = LineStart;
        if (start == 0)
        {
            return false;
        }

        var column = Cursor - start;
        var previousStart = LineStartOf(start - 1);
        Cursor = Math.Min(previousStart + column, start - 1);
        return true;
    }

    /// <summary>Moves to the next line at the same column (or its end); false on the last line.</summary>
    public bool Down()
    {
        var end = LineEnd;
        if (end == _text.Length)
        {
            return false;
        }

        var column = Cursor - LineStart;
        Cursor = end + 1;
        Cursor = Math.Min(end + 1 + column, LineEnd);
        return true;
    }

    public void WordLeft()
    {
        while (Cursor > 0 && !IsWord(_text[Cursor - 1]))
        {
            Cursor--;
        }

        while (Cursor > 0 && IsWord(_text[Cursor - 1]))
        {
            Cursor--;
        }
    }

    public void WordRight()
    {
        while (Cursor < _text.Length && !IsWord(_text[Cursor]))
        {
            Cursor++;
        }

        while (Cursor < _text.Length && IsWord(_text[Cursor]))
        {
            Cursor++;
        }
    }

    public void DeleteToStart()
    {
        var start = LineStart;
        _text.Remove(start, Cursor - start);
        Cursor = start;
        Version++;
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
        Version++;
    }

    /// <summary>Replaces <c>[start, end)</c> with <paramref name="replacement"/> and puts the cursor after it.</summary>
    public void Replace(int start, int end, string replacement)
    {
        start = Math.Clamp(start, 0, _text.Length);
        end = Math.Clamp(end, start, _text.Length);
        _text.Remove(start, end - start).Insert(start, replacement);
        Cursor = start + replacement.Length;
        Version++;
    }

    private int LineStartOf(int position)
    {
        var start = Math.Min(position, _text.Length);
        while (start > 0 && _text[start - 1] != '\n')
        {
            start--;
        }

        return start;
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';
}
