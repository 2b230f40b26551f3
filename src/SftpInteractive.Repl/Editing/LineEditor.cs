using SftpInteractive.Scripting;

namespace SftpInteractive.Repl;

/// <summary>
/// A small line editor over raw keys: prompt, editing keys, history, Tab completion, multi-line submissions while the
/// code is incomplete, Ctrl+C to clear, Ctrl+D to leave. Each physical line is edited on its own row; recalled
/// multi-line history entries show their line breaks as ⏎.
/// </summary>
internal sealed class LineEditor(ITerminal terminal, ReplHistory history, IInteractiveEngineAccess engine)
{
    public const string Prompt = "sftpi> ";
    public const string ContinuationPrompt = "  ...> ";
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(20);
    private readonly Lock _screen = new();
    private string? _prompt;
    private LineBuffer? _buffer;

    /// <summary>Prints a message above the line being edited (background connect finished) and redraws the line.</summary>
    public void Notify(string message)
    {
        lock (_screen)
        {
            terminal.Write("\r\x1b[K" + Redactor.Redact(message).ReplaceLineEndings("\r\n") + "\r\n");
            if (_prompt is not null && _buffer is not null)
            {
                Render(_prompt, _buffer);
            }
        }
    }

    /// <summary>Reads one complete submission, or null when the user leaves (Ctrl+D on an empty prompt).</summary>
    public async Task<string?> ReadSubmissionAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var prefix = lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
            var (kind, text) = await ReadLineAsync(lines.Count == 0 ? Prompt : ContinuationPrompt, prefix, cancellationToken).ConfigureAwait(false);
            switch (kind)
            {
                case LineEnd.Exit when lines.Count == 0:
                    return null;
                case LineEnd.Exit:
                case LineEnd.Clear:
                    lines.Clear();
                    continue;
            }

            lines.Add(text);
            var code = string.Join('\n', lines);
            if (lines.Count == 1 && ReplDirectives.IsDirective(code))
            {
                return code;
            }

            if (string.IsNullOrWhiteSpace(code) && lines.Count == 1)
            {
                lines.Clear();
                continue;
            }

            if (await engine.IsCompleteAsync(code, cancellationToken).ConfigureAwait(false))
            {
                return code;
            }
        }
    }

    private async Task<(LineEnd Kind, string Text)> ReadLineAsync(string prompt, string prefix, CancellationToken cancellationToken)
    {
        var buffer = new LineBuffer();
        (_prompt, _buffer) = (prompt, buffer);
        var historyIndex = history.Entries.Count;
        var draft = string.Empty;
        Render(prompt, buffer);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = terminal.ReadKey();
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    buffer.End();
                    Render(prompt, buffer);
                    Finish("\r\n");
                    return (LineEnd.Line, buffer.Text);
                case ConsoleKey.C when control:
                    Finish("^C\r\n");
                    return (LineEnd.Clear, string.Empty);
                case ConsoleKey.D when control:
                    if (buffer.Text.Length == 0)
                    {
                        Finish("\r\n");
                        return (LineEnd.Exit, string.Empty);
                    }

                    buffer.Delete();
                    break;
                case ConsoleKey.Tab:
                    await CompleteAsync(prompt, prefix, buffer, cancellationToken).ConfigureAwait(false);
                    break;
                case ConsoleKey.Backspace:
                    buffer.Backspace();
                    break;
                case ConsoleKey.Delete:
                    buffer.Delete();
                    break;
                case ConsoleKey.LeftArrow when control:
                    buffer.WordLeft();
                    break;
                case ConsoleKey.LeftArrow or ConsoleKey.B when key.Key == ConsoleKey.LeftArrow || control:
                    buffer.Left();
                    break;
                case ConsoleKey.RightArrow or ConsoleKey.F when key.Key == ConsoleKey.RightArrow || control:
                    buffer.Right();
                    break;
                case ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || control:
                    buffer.Home();
                    break;
                case ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || control:
                    buffer.End();
                    break;
                case ConsoleKey.U when control:
                    buffer.DeleteToStart();
                    break;
                case ConsoleKey.W when control:
                    buffer.DeleteWordLeft();
                    break;
                case ConsoleKey.L when control:
                    terminal.Write("\x1b[2J\x1b[H");
                    break;
                case ConsoleKey.Escape:
                    buffer.Set(string.Empty);
                    break;
                case ConsoleKey.UpArrow or ConsoleKey.P when key.Key == ConsoleKey.UpArrow || control:
                    if (historyIndex > 0)
                    {
                        draft = historyIndex == history.Entries.Count ? buffer.Text : draft;
                        buffer.Set(history.Entries[--historyIndex]);
                    }

                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || control:
                    if (historyIndex < history.Entries.Count)
                    {
                        historyIndex++;
                        buffer.Set(historyIndex == history.Entries.Count ? draft : history.Entries[historyIndex]);
                    }

                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(key.KeyChar.ToString());
                    }

                    break;
            }

            Render(prompt, buffer);
        }
    }

    private async Task CompleteAsync(string prompt, string prefix, LineBuffer buffer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CompletionTimeout);
        CompletionList list;
        try
        {
            list = await engine.CompleteAsync(prefix + buffer.Text, prefix.Length + buffer.Cursor, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var start = list.Start - prefix.Length;
        if (list.Items.Count == 0 || start < 0 || start > buffer.Cursor)
        {
            return;
        }

        var typed = buffer.Text[start..buffer.Cursor];
        if (list.Items.Count == 1)
        {
            buffer.Replace(start, buffer.Cursor, list.Items[0].Text);
            return;
        }

        var common = CommonPrefix(list.Items.Select(i => i.Text));
        if (common.Length > typed.Length && common.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
        {
            buffer.Replace(start, buffer.Cursor, common);
            return;
        }

        ShowMenu(list.Items);
        Render(prompt, buffer);
    }

    private void ShowMenu(IReadOnlyList<CompletionEntry> items)
    {
        const int MaxShown = 60;
        var names = items.Take(MaxShown).Select(i => i.DisplayText).ToList();
        var width = Math.Min(40, names.Max(n => n.Length) + 2);
        var perRow = Math.Max(1, (terminal.Width - 1) / width);
        var text = new System.Text.StringBuilder("\r\n");
        for (var i = 0; i < names.Count; i++)
        {
            text.Append(names[i].Length >= width ? names[i][..(width - 2)] + "… " : names[i].PadRight(width));
            if ((i + 1) % perRow == 0 || i == names.Count - 1)
            {
                text.Append("\r\n");
            }
        }

        if (items.Count > MaxShown)
        {
            text.Append("… ").Append(items.Count - MaxShown).Append(" more\r\n");
        }

        terminal.Write(text.ToString());
    }

    private void Finish(string text)
    {
        lock (_screen)
        {
            terminal.Write(text);
            (_prompt, _buffer) = (null, null);
        }
    }

    private void Render(string prompt, LineBuffer buffer)
    {
        lock (_screen)
        {
            RenderUnlocked(prompt, buffer);
        }
    }

    private void RenderUnlocked(string prompt, LineBuffer buffer)
    {
        // One row per line: when the text is wider than the screen, show the window around the cursor.
        var shown = buffer.Text.Replace('\n', '⏎');
        var available = Math.Max(10, terminal.Width - prompt.Length - 1);
        var offset = Math.Max(0, buffer.Cursor - available + 1);
        var visible = shown.Length - offset > available ? shown.Substring(offset, available) : shown[offset..];
        var back = offset + visible.Length - buffer.Cursor;
        terminal.Write("\r" + prompt + visible + "\x1b[K" + (back > 0 ? $"\x1b[{back}D" : string.Empty));
    }

    private static string CommonPrefix(IEnumerable<string> texts)
    {
        string? common = null;
        foreach (var text in texts)
        {
            if (common is null)
            {
                common = text;
                continue;
            }

            var n = 0;
            while (n < common.Length && n < text.Length && common[n] == text[n])
            {
                n++;
            }

            common = common[..n];
        }

        return common ?? string.Empty;
    }

    private enum LineEnd
    {
        Line,
        Clear,
        Exit,
    }
}
