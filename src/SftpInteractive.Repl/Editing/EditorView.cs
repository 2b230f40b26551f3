using System.Text;
using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>
/// The one painter of the editor: redraws the whole submission (every line with its prompt, highlighted, the bracket
/// matching the one at the cursor marked) and what hangs below it (completion menu, signature help, history search),
/// then puts the cursor back. It remembers how far below the first row it left the cursor, so the next frame starts
/// at the top again; the screen width is read at every frame, so a resized window redraws right.
/// </summary>
internal sealed class EditorView(ITerminal terminal, Palette palette)
{
    private int _cursorRow;
    private Frame? _last;
    private int _lastWidth;

    public Palette Palette => palette;

    /// <summary>What to draw.</summary>
    public sealed record Frame(string Text, int Cursor, string?[] Kinds, IReadOnlyList<string> Below);

    public int Width => Math.Max(20, terminal.Width);

    /// <summary>Draws <paramref name="frame"/>; <paramref name="final"/> leaves the cursor after the text, on a new line.</summary>
    public void Draw(Frame frame, bool final = false)
    {
        var width = Width;
        if (_last is { } last && width != _lastWidth)
        {
            // The window changed size since the last frame, and the terminal has re-wrapped the rows drawn: the cursor's
            // row is counted again at the new width before going back to the first row (whichever comes first, the
            // resize signal's redraw or a key's).
            _cursorRow = CursorRow(last, width);
        }

        _lastWidth = width;
        var output = new StringBuilder();
        output.Append('\r');
        if (_cursorRow > 0)
        {
            output.Append("\x1b[").Append(_cursorRow).Append('A');
        }

        output.Append("\x1b[J");
        var lines = frame.Text.Split('\n');
        var row = 0;
        var offset = 0;
        var cursorRow = 0;
        var cursorColumn = 0;
        var bracket = final ? (-1, -1) : MatchingBracket(frame.Text, frame.Cursor);
        for (var i = 0; i < lines.Length; i++)
        {
            var prompt = i == 0 ? LineEditor.Prompt : LineEditor.ContinuationPrompt;
            var line = lines[i];
            if (i > 0)
            {
                output.Append("\r\n");
            }

            output.Append(prompt).Append(Paint(line, offset, frame.Kinds, bracket));
            var length = prompt.Length + line.Length;
            var rows = Math.Max(1, (length + width - 1) / width);
            if (frame.Cursor >= offset && frame.Cursor <= offset + line.Length)
            {
                var x = prompt.Length + frame.Cursor - offset;
                cursorRow = row + Math.Min(x / width, rows - 1);
                cursorColumn = x / width >= rows ? width - 1 : x % width;
            }

            row += rows;
            offset += line.Length + 1;
        }

        if (!final)
        {
            foreach (var below in frame.Below)
            {
                output.Append("\r\n").Append(below).Append(Palette.Reset).Append("\x1b[K");
                row++;
            }
        }

        var lastRow = row - 1;
        if (final)
        {
            output.Append("\r\n");
            _cursorRow = 0;
        }
        else
        {
            if (lastRow > cursorRow)
            {
                output.Append("\x1b[").Append(lastRow - cursorRow).Append('A');
            }

            output.Append('\r');
            if (cursorColumn > 0)
            {
                output.Append("\x1b[").Append(cursorColumn).Append('C');
            }

            _cursorRow = cursorRow;
        }

        _last = final ? null : frame;
        terminal.Write(output.ToString());
    }

    /// <summary>Redraws after the window changed size (SIGWINCH).</summary>
    public void Resized()
    {
        if (_last is { } frame)
        {
            Draw(frame);
        }
    }

    /// <summary>The row (below the first) the cursor of <paramref name="frame"/> is on when its rows are wrapped at
    /// <paramref name="width"/> columns.</summary>
    private static int CursorRow(Frame frame, int width)
    {
        var row = 0;
        var offset = 0;
        foreach (var (line, i) in frame.Text.Split('\n').Select((l, i) => (l, i)))
        {
            var prompt = i == 0 ? LineEditor.Prompt.Length : LineEditor.ContinuationPrompt.Length;
            var rows = Math.Max(1, (prompt + line.Length + width - 1) / width);
            if (frame.Cursor >= offset && frame.Cursor <= offset + line.Length)
            {
                return row + Math.Min((prompt + frame.Cursor - offset) / width, rows - 1);
            }

            row += rows;
            offset += line.Length + 1;
        }

        return row;
    }

    /// <summary>Clears the editor's rows (a message is printed above it next) and forgets them.</summary>
    public void Clear()
    {
        if (_last is { } last && Width != _lastWidth)
        {
            _cursorRow = CursorRow(last, Width);
        }

        _last = null;
        terminal.Write("\r" + (_cursorRow > 0 ? $"\x1b[{_cursorRow}A" : string.Empty) + "\x1b[J");
        _cursorRow = 0;
    }

    /// <summary>Forgets the rows drawn: what follows starts on a fresh line.</summary>
    public void Forget() => (_cursorRow, _last) = (0, null);

    /// <summary>Cuts <paramref name="text"/> to fit in one row of <paramref name="width"/> columns.</summary>
    public static string Clip(string text, int width)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length < width ? text : text[..Math.Max(0, width - 2)] + "…";
    }

    /// <summary>The kind of every character of <paramref name="text"/> from ranges classified for
    /// <paramref name="classifiedText"/>: only ranges that end before the two texts differ are used, so an answer for
    /// older text still colours what has not changed since.</summary>
    public static string?[] KindsOf(string text, string classifiedText, IReadOnlyList<ClassifiedRange> ranges)
    {
        var kinds = new string?[text.Length];
        var same = 0;
        var limit = Math.Min(text.Length, classifiedText.Length);
        while (same < limit && text[same] == classifiedText[same])
        {
            same++;
        }

        foreach (var range in ranges)
        {
            if (range.Start + range.Length <= same)
            {
                Array.Fill(kinds, range.Kind, range.Start, range.Length);
            }
        }

        return kinds;
    }

    private string Paint(string line, int offset, string?[] kinds, (int At, int Match) bracket)
    {
        var output = new StringBuilder();
        string? current = null;
        for (var i = 0; i < line.Length; i++)
        {
            var position = offset + i;
            var kind = position == bracket.At || position == bracket.Match ? "bracket" : position < kinds.Length ? kinds[position] : null;
            if (kind != current)
            {
                if (current is not null && palette.Start(current).Length > 0)
                {
                    output.Append(Palette.Reset);
                }

                output.Append(palette.Start(kind));
                current = kind;
            }

            output.Append(line[i]);
        }

        if (current is not null && palette.Start(current).Length > 0)
        {
            output.Append(Palette.Reset);
        }

        return output.ToString();
    }

    /// <summary>The bracket just before (or at) the cursor and the one matching it, or (-1, -1) when either is missing.</summary>
    private static (int At, int Match) MatchingBracket(string text, int cursor)
    {
        var at = BracketAtCursor(text, cursor);
        if (at < 0)
        {
            return (-1, -1);
        }

        const string Opens = "([{";
        const string Closes = ")]}";
        var open = Opens.IndexOf(text[at], StringComparison.Ordinal);
        var step = open >= 0 ? 1 : -1;
        var self = text[at];
        var other = open >= 0 ? Closes[open] : Opens[Closes.IndexOf(self, StringComparison.Ordinal)];
        var depth = 0;
        for (var i = at; i >= 0 && i < text.Length; i += step)
        {
            if (text[i] == self)
            {
                depth++;
            }
            else if (text[i] == other && --depth == 0)
            {
                return (at, i);
            }
        }

        return (-1, -1);
    }

    private static int BracketAtCursor(string text, int cursor)
    {
        if (cursor > 0 && cursor <= text.Length && "()[]{}".Contains(text[cursor - 1], StringComparison.Ordinal))
        {
            return cursor - 1;
        }

        return cursor < text.Length && "()[]{}".Contains(text[cursor], StringComparison.Ordinal) ? cursor : -1;
    }
}
